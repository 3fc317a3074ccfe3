import ArgumentParser

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure performance against a reference run in the same process.",
    discussion: """
      Every figure is printed next to a reference measured in the same run on the same data,
      with the ratio; budgets are in DESIGN.md.

      Examples:
        registry bench yaml --count 20000        document layer vs a raw libyaml event loop
        registry bench export --count 100000     static index export, cold and warm index cache
      """,
    subcommands: [BenchYAML.self, BenchExport.self])
}
