import ArgumentParser
import Engines
import Foundation
import Migrate
import Registry
import Schema

struct Upgrade: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "upgrade",
    abstract: "Move a v2 or sglang-v1 recipe to a newer engine version, editing it in place.",
    discussion: """
      Applies the flag renames recorded between the pinned version and V (spec/engines/ \
      renames.tsv), drops flags whose removal is a no-op, updates the pin (engine.version, \
      sglang_version) and the image tag (engine.image, model.container), and keeps every \
      comment and byte it does not change. sglang-v1 flags are edited where they are, under \
      sglang_config.ROLE or backend.ENGINE_config.ROLE. It refuses — listing them — when a \
      removed flag had an effect or a rename needs a decision, and writes nothing then. Other \
      formats are refused by name: convert them to v2 first. --dry-run prints the semantic \
      diff instead of writing.

      --publish commits the result through the publishing path, as 'registry publish' does:
      validated and linted (errors block), with the Recipe:/Schema:/Engine:/GPU: trailers, and \
      the branch moved by compare-and-swap. For a NAME the upgrade is computed from the recipe \
      at the branch tip (works on bare registries); for a FILE the upgraded file is written, \
      then published over the recipe of the same name.

      Examples:
        registry upgrade my-recipe.yaml --engine-version 0.5.23 --dry-run
        registry upgrade my-recipe.yaml --engine-version 0.5.23
        registry upgrade deepseek-r1-fp8-gb200-disagg --engine-version 0.5.23 --dry-run
        registry upgrade deepseek-r1-fp8-gb200-disagg --engine-version 0.5.23 --publish --author "Ada <ada@example.com>"
        registry upgrade old-v1-recipe.yaml --engine-version 0.5.1 --publish -m "Move to 0.5.1"
      """)

  @Argument(help: "A recipe file, or NAME of a registry recipe.")
  var target: String
  @Option(help: ArgumentHelp("The engine version to move to.", valueName: "V"))
  var engineVersion: String
  @Flag(help: "Print the semantic diff; write nothing.")
  var dryRun = false
  @Flag(
    help:
      "Commit the result through the publishing path (validation, lint, trailers, compare-and-swap)."
  )
  var publish = false
  @OptionGroup(title: "With --publish") var commitOptions: CommitOptions
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
    var commit: String?
  }

  func validate() throws {
    if publish, dryRun { throw ValidationError("--publish and --dry-run exclude each other") }
    if !publish, commitOptions.isSet {
      throw ValidationError("--message, --author and --branch go with --publish")
    }
  }

  func run() throws {
    guard let to = EngineVersion(engineVersion) else {
      throw CLIError(
        "'\(engineVersion)' is not a version (PEP 440, e.g. 0.5.23)", kind: .invalidRequest)
    }
    let store: FlagCatalogStore
    do { store = try FlagCatalogStore.load() } catch { throw CLIError("flag catalogs: \(error)") }
    let upgrade = RecipeUpgrade(upgrader: Upgrader(catalogs: store), to: to)
    let isFile = FileManager.default.fileExists(atPath: target)
    if publish, !isFile {
      try publishUpgrade(of: RecipeReference(parsing: target), upgrade)
      return
    }
    let source =
      isFile
      ? try RecipeUpgrade.source(file: target)
      : try RecipeUpgrade.source(
        of: RecipeReference(parsing: target), in: try registryOptions.open())
    let plan = upgrade.plan(source)
    var written = false
    var commit: String?
    if plan.refusals.isEmpty, !dryRun, let out = plan.output {
      guard let path = source.writablePath else {
        throw CLIError(
          "\(source.file) is not a file in a working tree; use --dry-run or --publish, or upgrade a checked-out copy"
        )
      }
      guard FileManager.default.createFile(atPath: path, contents: Data(out)) else {
        throw CLIError("cannot write \(path)")
      }
      written = true
      if publish {
        let report = try upgrade.publish(
          file: path, bytes: out, plan: plan, to: try registryOptions.open(),
          message: commitOptions.message,
          author: try commitOptions.signature(), branch: commitOptions.branch)
        commit = report.outcome.commit.hex
      }
    }
    try show(plan, file: source.file, written: written, commit: commit)
    if !plan.refusals.isEmpty { throw ExitStatus.invalid }
  }

  /// `--publish` of a registry recipe: the upgrade is planned from the recipe at the branch
  /// tip, inside the publishing path's compare-and-swap.
  private func publishUpgrade(of ref: RecipeReference, _ upgrade: RecipeUpgrade) throws {
    if ref.scope != nil || ref.rev != nil {
      throw CLIError(
        "--publish upgrades a recipe of this registry at its branch tip, not '\(ref)'",
        kind: .invalidRequest)
    }
    let registry = try registryOptions.open()
    let published = try upgrade.publish(
      recipe: ref.name, in: registry, message: commitOptions.message,
      author: try commitOptions.signature(),
      branch: commitOptions.branch)
    if let plan = published.plan {
      try show(
        plan, file: published.file, written: published.report != nil,
        commit: published.report?.outcome.commit.hex)
    }
    if published.report == nil { throw ExitStatus.invalid }
  }

  private func show(_ plan: Upgrader.Plan, file: String, written: Bool, commit: String?) throws {
    let terminal = Terminal(colorChoice: global.color)
    if global.json {
      try JSONOutput.print(
        Report(
          file: file, from: plan.from?.normalized, to: plan.to.normalized, changes: plan.changes,
          refusals: plan.refusals, notes: plan.notes, written: written, commit: commit),
        terminal: terminal)
      return
    }
    for n in plan.notes { terminal.err("note: \(n)") }
    if !plan.changes.isEmpty || !plan.refusals.isEmpty {
      terminal.out("\(file): \(plan.from?.normalized ?? "?") → \(plan.to.normalized)")
      terminal.out(plan.semanticDiff)
    }
    DiagnosticPrinter(terminal: terminal, quiet: global.quiet).printAll(plan.refusals)
    if !plan.refusals.isEmpty {
      terminal.err("refused: \(plan.refusals.count) change(s) need a human; nothing written")
    } else if let commit {
      terminal.err(
        "committed \(String(commit.prefix(12))): \(file) (\(plan.changes.count) change(s))")
    } else if written {
      terminal.err("wrote \(file) (\(plan.changes.count) change(s))")
    } else if dryRun {
      terminal.err("dry run: \(plan.changes.count) change(s), nothing written")
    }
  }
}
