import ArgumentParser

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure performance against a reference run in the same process.",
    discussion: """
      Every figure is printed next to a reference measured in the same run on the same data, \
      with the ratio; budgets are in DESIGN.md.

      Examples:
        registry bench yaml --count 20000        document layer vs a raw libyaml event loop
        registry bench migrate --count 10000     v1 → v2 migration of files vs plain parse
        registry bench lint                      lint 10k recipes next to plain validation
        registry bench publish                   publish one recipe vs git plumbing (100k registry)
        registry bench history                   history --field vs git log -p --follow
        registry bench migrate-registry          registry-wide migration in one commit
        registry bench export --count 100000     static index export, cold and warm index cache
      """,
    subcommands: [
      BenchYAML.self, BenchRegistry.self, BenchMigrate.self, BenchLint.self, BenchPublish.self,
      BenchHistory.self, BenchMigrateRegistry.self, BenchExport.self,
    ])
}
