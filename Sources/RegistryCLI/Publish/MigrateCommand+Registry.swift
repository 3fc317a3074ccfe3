import ArgumentParser
import Registry
import Schema

extension MigrateCommand {
  /// Migrates every recipe of the registry in one commit.
  func runOnRegistry() throws {
    let registry = try registryOptions.open()
    let migration = RegistryMigration(
      registry: registry, source: try FormatTarget.format(named: fromVersion),
      target: try FormatTarget.format(named: toVersion), verify: verify)
    let terminal = Terminal(colorChoice: global.color)
    if dryRun {
      let tip = try registry.resolve("HEAD").commit
      let report = RegistryMigration.Report(recipes: try migration.plan(at: tip), outcome: nil)
      for r in report.changed { terminal.out(" \(r.path) | +\(r.insertions) -\(r.deletions)") }
      terminal.out(
        " \(report.changed.count) files changed, \(report.insertions) insertions(+), \(report.deletions) deletions(-)"
      )
      for (path, losses) in report.losses {
        for l in losses { terminal.out("loss: \(path): \(l)") }
      }
      for f in report.failures {
        for e in f.errors { terminal.err(e.description) }
        for m in f.verifyMismatches {
          terminal.err("\(f.path): verify: \(m.path): \(m.old ?? "absent") -> \(m.new ?? "absent")")
        }
      }
      if !report.losses.isEmpty && !allowLoss || !report.failures.isEmpty {
        throw CLIError("the migration would not be written (losses or failures above)")
      }
      return
    }
    let report = try migration.run(
      allowLoss: allowLoss, message: commitOptions.message, author: try commitOptions.signature(),
      branch: commitOptions.branch)
    guard let outcome = report.outcome else {
      terminal.err("nothing to migrate")
      return
    }
    terminal.out(
      "migrated \(report.changed.count) recipes in \(outcome.commit.abbreviated(12)): \(report.insertions) insertions(+), \(report.deletions) deletions(-)"
    )
  }
}
