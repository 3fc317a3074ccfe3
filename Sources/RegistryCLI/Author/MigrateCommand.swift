import ArgumentParser
import Migrate
import Schema

struct MigrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Migrate recipes between schema versions: v1 → v2 or v2 → v1.",
    discussion: """
      With PATHs: files and folders (recursively; files of another format are skipped). Without \
      PATHs: every recipe of the registry (--repo, or the one found as for search), rewritten \
      in ONE commit on the branch, with a summary message. v1 → v2 → v1 is \
      lossless for every recipe the v1 decoder accepts: what v2 has no field for is kept in \
      provenance.roundtrip. Output goes to stdout, or back into each file with --in-place \
      (written to a temporary file and renamed, never half-written); --dry-run prints a \
      unified diff instead. Losses exit 1 unless --allow-loss.

      Examples:
        registry migrate v1 v2 recipe.yaml                 print the v2 recipe
        registry migrate v1 v2 --in-place recipes/         rewrite every v1 recipe as v2
        registry migrate v1 v2 --dry-run recipes/          show what would change
        registry migrate v2 v1 --verify recipe.v2.yaml     back to v1, checked
        registry migrate v1 v2 --dry-run                   the whole registry: diff stat + losses
        registry migrate v1 v2 --verify -m "Schema v2"     the whole registry, one commit
      """)

  @Argument(help: "The version to migrate from: v1 or v2.")
  var fromVersion: String

  @Argument(help: "The version to migrate to: v2 or v1.")
  var toVersion: String

  @Argument(help: "Recipe files or folders; none means the whole registry, in one commit.")
  var paths: [String] = []

  @Flag(help: "Rewrite the files in place.")
  var inPlace = false

  @Flag(help: "Print a unified diff of what would change; write nothing.")
  var dryRun = false

  @Flag(help: "Write even when the target cannot express something.")
  var allowLoss = false

  @Flag(help: "Check that the output launches the same engines.")
  var verify = false

  @OptionGroup(title: "Registry migration") var commitOptions: CommitOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  static func format(_ v: String) -> RecipeFormat? {
    switch v {
    case "v1": return .sglangV1
    case "v2": return .v2
    default: return nil
    }
  }

  func validate() throws {
    guard let f = Self.format(fromVersion), let t = Self.format(toVersion), f != t else {
      throw ValidationError("migrate v1 v2 or v2 v1, not '\(fromVersion) \(toVersion)'")
    }
    if inPlace && dryRun { throw ValidationError("--in-place and --dry-run exclude each other") }
    if inPlace && paths.isEmpty {
      throw ValidationError("--in-place rewrites files: give at least one file or folder")
    }
  }

  func run() throws {
    if paths.isEmpty { return try runOnRegistry() }
    var missing: [String] = []
    let files = RecipeFiles.list(paths, missing: &missing)
    if let m = missing.first { throw ValidationError("no such file or folder '\(m)'") }
    let destination: ConversionBatch.Destination = dryRun ? .diff : .stdout
    let jobs = files.map { (file: $0, destination: inPlace ? .file($0) : destination) }
    try ConversionRunner(
      from: Self.format(fromVersion), to: Self.format(toVersion)!, allowLoss: allowLoss,
      verify: verify,
      global: global
    ).run(jobs, skipOtherFormats: true)
  }
}
