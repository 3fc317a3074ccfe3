import ArgumentParser

@main
struct RegistryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "A git-backed registry of LLM-serving recipes.",
    subcommands: [])
}
