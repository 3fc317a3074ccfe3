import ArgumentParser

struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the recipe schemas (spec/v1, spec/v2).",
    discussion: """
      Examples:
        registry schema show v2        print the v2 JSON Schema (embedded in the binary)
      """,
    subcommands: [SchemaShow.self])
}
