import ArgumentParser
import Migrate
import Schema

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Validate recipe files and folders.",
    discussion: """
      Decodes every file (folders recursively: *.yaml, *.yml) and reports every problem like a \
      compiler on stderr: `file:line:col: error: message [key.path]` and a `hint:` line, then a \
      summary line such as `3 files, 1 error, 2 warnings`. With --schema auto (the default) \
      the format of each file is detected: v2 and v1 recipes are decoded; a foreign format \
      (spark, dynamo, ...) is named and, when a converter reads it, imported to v2 and \
      validated as v2.

      Examples:
        registry validate recipes/                    every recipe under a folder
        registry validate --schema v1 old.yaml        force the v1 decoder
        registry validate --json a.yaml b.yaml        the diagnostics as JSON on stdout

      Exit codes: 0 valid (warnings allowed unless --strict), 1 errors (or, with --strict, \
      warnings) found, 64 usage.
      """)

  @Option(help: "The schema: v1, v2 or auto (detect per file).")
  var schema: String = "auto"

  @Argument(help: "Recipe files or folders.")
  var paths: [String]

  @Flag(help: "Warnings fail too (exit 1): unknown keys, unknown values, ... (for CI).")
  var strict = false

  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var files: [ValidateFrontend.FileReport]
    var summary: Summary
  }

  struct Summary: Codable {
    var files: Int
    var errors: Int
    var warnings: Int
  }

  func validate() throws {
    guard ValidateFrontend.SchemaChoice(rawValue: schema) != nil else {
      throw ValidationError("--schema must be v1, v2 or auto, not '\(schema)'")
    }
    if paths.isEmpty { throw ValidationError("give at least one file or folder") }
  }

  func run() throws {
    let choice = ValidateFrontend.SchemaChoice(rawValue: schema) ?? .auto
    var missing: [String] = []
    let files = RecipeFiles.list(paths, missing: &missing)
    let terminal = Terminal(colorChoice: global.color)
    let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
    var reports: [ValidateFrontend.FileReport] = []
    for path in missing {
      reports.append(
        .init(
          file: path, format: "unknown",
          diagnostics: [
            Diagnostic(.error, code: "not-found", "no such file or folder '\(path)'")
          ]))
    }
    for file in files {
      guard let bytes = RecipeFiles.read(file) else {
        reports.append(
          .init(
            file: file, format: "unknown",
            diagnostics: [
              Diagnostic(.error, code: "unreadable", "cannot read '\(file)'")
            ]))
        continue
      }
      reports.append(ValidateFrontend.validate(bytes: bytes, file: file, schema: choice))
    }
    let all = reports.flatMap(\.diagnostics)
    if global.json {
      try JSONOutput.print(
        Report(
          files: reports,
          summary: Summary(files: files.count, errors: all.errorCount, warnings: all.warningCount)))
    } else {
      printer.printAll(all)
      if !global.quiet || all.hasErrors {
        terminal.err(DiagnosticPrinter.summary(files: files.count, diagnostics: all))
      }
    }
    if all.hasErrors || (strict && all.warningCount > 0) { throw ExitStatus.invalid }
  }
}
