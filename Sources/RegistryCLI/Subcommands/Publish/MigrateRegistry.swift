import ArgumentParser
import Registry
import Schema

struct MigrateRegistry: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Rewrite every recipe of a registry from one schema version to another, in ONE commit.",
    discussion: """
      Every v1 recipe goes through the v1 converter into v2 (comments kept), or back with
      'migrate v2 v1' where v1 can express it. --dry-run prints the diff stat and the loss
      report and writes nothing; a loss aborts unless --allow-loss; --verify reads each output
      back and requires the same v2 recipe.

      Examples:
        registry migrate v1 v2 --dry-run
        registry migrate v1 v2 --verify -m "Move the registry to schema v2"
        registry migrate v2 v1 --allow-loss --branch v1-export
      """)

  @Argument(help: "From: v1 or v2 (or a format id).")
  var fromVersion: String
  @Argument(help: "To: v2 or v1 (or a format id).")
  var toVersion: String
  @Flag(help: "Print the diff stat and loss report; write nothing.")
  var dryRun = false
  @Flag(help: "Write even when the target cannot express something.")
  var allowLoss = false
  @Flag(help: "Read each output back and require the same v2 recipe.")
  var verify = false
  @Option(name: [.short, .long], help: "The commit message.")
  var message: String?
  @Option(help: "The author, \"Name <mail>\".")
  var author: String?
  @Option(help: "The branch to update.")
  var branch: String?
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingWriteErrors {
      let registry = try registryOptions.open()
      let migration = RegistryMigration(registry: registry, source: try FormatTarget.format(named: fromVersion),
        target: try FormatTarget.format(named: toVersion), verify: verify)
      let terminal = Terminal(colorChoice: global.color)
      if dryRun {
        let tip = try registry.resolve("HEAD").commit
        let report = RegistryMigration.Report(recipes: try migration.plan(at: tip), outcome: nil)
        for r in report.changed { terminal.out(" \(r.path) | +\(r.insertions) -\(r.deletions)") }
        terminal.out(" \(report.changed.count) files changed, \(report.insertions) insertions(+), \(report.deletions) deletions(-)")
        for (path, losses) in report.losses { for l in losses { terminal.out("loss: \(path): \(l)") } }
        for f in report.failures {
          for e in f.errors { terminal.err(e.description) }
          for m in f.verifyMismatches { terminal.err("\(f.path): verify: \(m.path): \(m.old ?? "absent") -> \(m.new ?? "absent")") }
        }
        if !report.losses.isEmpty && !allowLoss || !report.failures.isEmpty { throw CLIError("the migration would not be written (losses or failures above)") }
        return
      }
      let report = try migration.run(allowLoss: allowLoss, message: message, author: try AuthorOption.signature(author), branch: branch)
      guard let outcome = report.outcome else { terminal.err("nothing to migrate"); return }
      terminal.out("migrated \(report.changed.count) recipes in \(outcome.commit.abbreviated(12)): \(report.insertions) insertions(+), \(report.deletions) deletions(-)")
    }
  }
}
