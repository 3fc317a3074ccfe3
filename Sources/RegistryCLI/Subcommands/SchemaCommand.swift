import ArgumentParser

struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print or check the recipe schemas (spec/v1, spec/v2).",
    subcommands: [])
}
