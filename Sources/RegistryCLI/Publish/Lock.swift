import ArgumentParser
import Registry

struct Lock: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lock",
    abstract:
      "Write registry.lock: each recipe's commit, blob and resolved engine version and image.",
    discussion: """
      With names, only those are (re)locked and other entries are kept; without, every recipe \
      at the rev is locked. 'show --locked' and 'plan --locked' then read exactly the locked \
      blob, and fail loudly when it is unreachable.

      Examples:
        registry lock deepseek-r1-fp8-gb200-disagg gpt-oss-120b-solo
        registry lock --file deploy/registry.lock
      """)

  @Argument(help: "Recipe names (default: every recipe).")
  var names: [String] = []
  @Option(help: "The lock file.")
  var file = RegistryLock.fileName
  @Option(help: "The rev to lock at.")
  var rev = "HEAD"
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let registry = try registryOptions.open()
    let existing = try? RegistryLock.read(from: file)
    let lock = try RegistryLock.make(
      registry, names: names, at: rev, updating: names.isEmpty ? nil : existing)
    try lock.write(to: file)
    if global.json {
      try JSONOutput.print(lock)
      return
    }
    if !global.quiet {
      Terminal().err(
        "locked \(lock.recipes.count) recipe\(lock.recipes.count == 1 ? "" : "s") in \(file)")
    }
  }
}
