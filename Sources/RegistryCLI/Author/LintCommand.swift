import ArgumentParser
import Engines
import Foundation
import Lint
import Migrate
import Registry
import Schema

struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check recipes for engine-version drift and contradictions.",
    discussion: """
      Each argument is a file, a folder (every *.yaml / *.yml below it), a recipe NAME[@REV] \
      of the registry, or @SCOPE/NAME[@REV] of a remote registry ('registry remote add'); \
      --locked lints the blob registry.lock pins for a name. Recipes of any format are read into v2 and checked against the flag \
      catalog of their pinned engine version (engine.version, else the image tag's version); \
      --engine-version checks them against a version they are not pinned to yet (like \
      'helm lint --kube-version'). A version between two catalogs uses the nearest lower one \
      and says so.

      Checks: unknown-flag (did-you-mean), renamed-flag / removed-flag (new spelling and since \
      when), deprecated-flag, flag-type, flag-choice, named-field-in-args, launcher-owned-flag, \
      parallelism-exceeds-gpus, parallelism-underuses-gpus, workers-vs-nodes, \
      missing-disaggregation-mode, unexpected-disaggregation-mode, precision-quantization, \
      env-differs-across-roles, secret-in-recipe, moving-image-tag, image-version-mismatch.

      Exit status 1 when any file has an error (with --strict: an error or a warning).

      Examples:
        registry lint recipes/                               every recipe under a folder
        registry lint deepseek-r1-fp8-gb200-disagg@HEAD~2    a registry recipe at a rev
        registry lint @team/deepseek-r1-fp8 --locked         the blob the lock pins
        registry lint my.yaml --engine-version 0.5.23        ready for SGLang 0.5.23?
        registry lint recipes/ --strict --json               warnings fail too; JSON out
        registry lint ../shared/corpus --report              a Markdown summary of the findings
      """)

  @Argument(help: "Files, folders, or NAME[@REV] or @SCOPE/NAME[@REV] of registry recipes.")
  var targets: [String]
  @Option(
    help: ArgumentHelp(
      "Check against this engine version instead of the pinned one.", valueName: "V"))
  var engineVersion: String?
  @Flag(help: "Warnings fail too.")
  var strict = false
  @Flag(help: "Print a Markdown summary of the findings instead of each diagnostic.")
  var report = false
  @OptionGroup var recipeOptions: RecipeReferenceOptions
  @OptionGroup var global: GlobalOptions

  struct FileReport: Codable {
    var file: String
    var name: String
    var format: String
    var engine: String?
    var checkedVersion: String?
    var versionSource: String?
    var catalog: String?
    var diagnostics: [Diagnostic]
  }

  struct Report: Codable {
    var files: [FileReport]
    var errors: Int
    var warnings: Int
    var ok: Bool
  }

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    var target: EngineVersion?
    if let engineVersion {
      guard let v = EngineVersion(engineVersion) else {
        throw CLIError(
          "'\(engineVersion)' is not a version (PEP 440, e.g. 0.5.23)", kind: .invalidRequest)
      }
      target = v
    }
    let store: FlagCatalogStore
    do { store = try FlagCatalogStore.load() } catch { throw CLIError("flag catalogs: \(error)") }
    let linter = Linter(catalogs: store)
    var results: [LintResult] = []
    for item in targets {
      for (file, bytes) in try sources(item) {
        results.append(linter.lint(RecipeReader.read(bytes, file: file), engineVersion: target))
      }
    }
    let all = results.flatMap(\.diagnostics)
    let failed = results.contains { $0.fails(strict: strict) }
    if report {
      terminal.out(LintReport.markdown(results, title: "Lint report", relativeTo: ""))
    } else if global.json {
      try JSONOutput.print(
        Report(
          files: results.map {
            FileReport(
              file: $0.file, name: $0.name, format: $0.format.rawValue, engine: $0.engine?.rawValue,
              checkedVersion: $0.checkedVersion?.normalized, versionSource: $0.versionSource,
              catalog: $0.catalog?.catalog?.version.normalized, diagnostics: $0.diagnostics)
          }, errors: all.errorCount, warnings: all.warningCount, ok: !failed), terminal: terminal)
    } else {
      let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
      printer.printAll(all)
      terminal.err(DiagnosticPrinter.summary(files: results.count, diagnostics: all))
    }
    if failed { throw ExitStatus.invalid }
  }

  /// The recipe files named by one argument: every YAML file below a folder, or what
  /// `RecipeResolver` reads (a file, a registry recipe `NAME[@REV]` or `@SCOPE/NAME[@REV]`).
  func sources(_ item: String) throws -> [(String, [UInt8])] {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    if fm.fileExists(atPath: item, isDirectory: &isDir), isDir.boolValue {
      if recipeOptions.source.locked {
        throw CLIError(
          "--locked reads a registry recipe by name, not the folder \(item)", kind: .invalidRequest)
      }
      let base = item.hasSuffix("/") ? String(item.dropLast()) : item
      let files = (fm.enumerator(atPath: base)?.compactMap { $0 as? String } ?? [])
        .filter {
          ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml"))
            && !$0.split(separator: "/").contains { $0.hasPrefix(".") }
        }
        .sorted()
      return files.compactMap { rel in
        fm.contents(atPath: base + "/" + rel).map { (base + "/" + rel, [UInt8]($0)) }
      }
    }
    let resolved = try recipeOptions.resolve(item, files: true)
    return [(resolved.path, resolved.bytes)]
  }
}
