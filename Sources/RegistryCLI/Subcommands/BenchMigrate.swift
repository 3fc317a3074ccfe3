import ArgumentParser
import Migrate

struct BenchMigrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Time v1 → v2 migration of generated files against plain parsing of them.",
    discussion: """
      Generates N v1 recipes in a temporary folder, times a plain parse of all of them, then \
      their migration into a fresh folder by the runner of `registry migrate` and `registry \
      convert` on folders (read + parse + convert + emit + atomic write), both with one worker \
      per core, and prints files/s, the CPU time and the ratio; then the same two passes on one \
      worker. Budget: 10 000 files in at most 2 s.

      Examples:
        registry bench migrate
        registry bench migrate --count 2000 --json
        registry bench migrate --dir ~/scratch --workers 1
      """)

  @Option(help: "How many v1 files to generate.")
  var count = 10_000

  @Option(help: "Timed repetitions of each pass; the best is reported.")
  var iterations = 1

  @Option(help: "Worker threads (default: one per core).")
  var workers: Int?

  @Option(help: ArgumentHelp(
    "Folder to generate the files in (default: the system temporary folder).",
    discussion: "File creation is slow where many files were deleted lately (a temporary folder that builds use): the kernel row shows it."))
  var dir: String?

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let r = try MigrationBench.run(count: count, iterations: iterations, workers: workers ?? ParallelMap.defaultWorkers, in: dir)
    if global.json {
      try JSONOutput.print(r)
    } else {
      let t = Terminal(colorChoice: global.color)
      t.out("files              \(r.files) (\(fmt(Double(r.bytes) / 1_000_000)) MB), \(r.workers) worker\(r.workers == 1 ? "" : "s")")
      t.out("plain parse        \(fmt(r.parseSeconds * 1000)) ms  \(Int(r.parseFilesPerSecond)) files/s")
      t.out("migrate v1 → v2    \(fmt(r.migrateSeconds * 1000)) ms  \(Int(r.migrateFilesPerSecond)) files/s")
      t.out("  CPU              user \(fmt(r.migrateUserSeconds * 1000)) ms + kernel \(fmt(r.migrateSystemSeconds * 1000)) ms (\(fmt((r.migrateUserSeconds + r.migrateSystemSeconds) / r.migrateSeconds)) cores busy)")
      t.out("ratio              \(fmt(r.ratio))× plain parse; budget \(fmt(r.budgetSeconds)) s \(r.withinBudget ? "ok" : "OVER BUDGET")")
      if let sp = r.sequentialParseSeconds, let sm = r.sequentialMigrateSeconds {
        t.out("1 worker: parse    \(fmt(sp * 1000)) ms, migrate \(fmt(sm * 1000)) ms (\(fmt(sm / sp))× plain parse; \(fmt(sm / r.migrateSeconds))× the \(r.workers)-worker migrate)")
      }
      if r.failures > 0 { t.err("\(r.failures) files failed to migrate") }
    }
    if r.failures > 0 { throw ExitStatus.invalid }
  }
}
