import ArgumentParser
import Foundation
import Migrate
import Registry
import Schema

struct Upgrade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Move a v2 recipe to a newer engine version, editing it in place.",
    discussion: """
      Applies the flag renames recorded between the pinned version and V (spec/engines/
      renames.tsv), drops flags whose removal is a no-op, updates engine.version and the image
      tag, and keeps every comment and byte it does not change. It refuses — listing them —
      when a removed flag had an effect or a rename needs a decision, and writes nothing then.
      --dry-run prints the semantic diff instead of writing. --publish (commit through the
      publishing path) is not available yet.

      Examples:
        registry upgrade my-recipe.yaml --engine-version 0.5.23 --dry-run
        registry upgrade my-recipe.yaml --engine-version 0.5.23
        registry upgrade deepseek-r1-fp8-gb200-disagg --engine-version 0.5.23 --dry-run
      """)

  @Argument(help: "A recipe file, or NAME of a registry recipe.")
  var target: String
  @Option(help: ArgumentHelp("The engine version to move to.", valueName: "V"))
  var engineVersion: String
  @Flag(help: "Print the semantic diff; write nothing.")
  var dryRun = false
  @Flag(help: "Commit the result through the publishing path (not available yet).")
  var publish = false
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var file: String
    var from: String?
    var to: String
    var changes: [UpgradeChange]
    var refusals: [Diagnostic]
    var notes: [String]
    var written: Bool
  }

  func run() throws {
    try reportingErrors {
      if publish {
        throw CLIError("--publish is not available yet (the publishing path is being written); upgrade the file and publish it separately", exit: ExitStatus.usage)
      }
      guard let to = EngineVersion(engineVersion) else {
        throw CLIError("'\(engineVersion)' is not a version (PEP 440, e.g. 0.5.23)", exit: ExitStatus.usage)
      }
      let terminal = Terminal(colorChoice: global.color)
      let (file, bytes, writable) = try source()
      let store: FlagCatalogStore
      do { store = try FlagCatalogStore.load() } catch { throw CLIError("flag catalogs: \(error)") }
      let plan = Upgrader(catalogs: store).plan(RecipeReader.read(bytes, file: file), source: bytes, to: to)
      var written = false
      if plan.refusals.isEmpty, !dryRun, let out = plan.output {
        guard let path = writable else {
          throw CLIError("\(file) is not a file in a working tree; use --dry-run, or upgrade a checked-out copy")
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(out)) else {
          throw CLIError("cannot write \(path)")
        }
        written = true
      }
      if global.json {
        try JSONOutput.print(
          Report(file: file, from: plan.from?.normalized, to: to.normalized, changes: plan.changes,
            refusals: plan.refusals, notes: plan.notes, written: written), terminal: terminal)
      } else {
        for n in plan.notes { terminal.err("note: \(n)") }
        if !plan.changes.isEmpty || !plan.refusals.isEmpty {
          terminal.out("\(file): \(plan.from?.normalized ?? "?") → \(to.normalized)")
          terminal.out(plan.semanticDiff)
        }
        DiagnosticPrinter(terminal: terminal, quiet: global.quiet).printAll(plan.refusals)
        if !plan.refusals.isEmpty {
          terminal.err("refused: \(plan.refusals.count) change(s) need a human; nothing written")
        } else if written {
          terminal.err("wrote \(file) (\(plan.changes.count) change(s))")
        } else if dryRun {
          terminal.err("dry run: \(plan.changes.count) change(s), nothing written")
        }
      }
      if !plan.refusals.isEmpty { throw ExitStatus.invalid }
    }
  }

  /// The file name, bytes and (when it is a file on disk) the path to write.
  private func source() throws -> (String, [UInt8], String?) {
    if FileManager.default.fileExists(atPath: target) {
      guard let data = FileManager.default.contents(atPath: target) else { throw CLIError("cannot read \(target)") }
      return (target, [UInt8](data), target)
    }
    let ref = RecipeReference(parsing: target)
    let registry = try registryOptions.open()
    let found = try registry.recipe(named: ref.name, at: ref.rev ?? "HEAD")
    let onDisk = registry.repository.workingDirectory.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + found.path }
    let current = onDisk.flatMap { FileManager.default.contents(atPath: $0) }.map { [UInt8]($0) }
    return (found.path, found.bytes, ref.rev == nil && current == found.bytes ? onDisk : nil)
  }
}
