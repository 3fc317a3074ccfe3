import ArgumentParser
import Foundation
import Migrate
import Schema

struct SchemaCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check the spec files: JSON Schema metaschema, and every example decodes.",
    discussion: """
      Validates spec/v1/schema.yaml and spec/v2/schema.yaml against the JSON Schema 2020-12 \
      metaschema with check-jsonschema when it is installed (says so when it is not), and \
      decodes every spec/<version>/examples/*.yaml with the Swift decoder (no errors allowed). \
      Run it from the repository root, or pass --spec.

      Examples:
        registry schema check
        registry schema check --spec ../registry/spec
      """)

  @Option(help: "The spec folder.")
  var spec = "spec"

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
    guard RecipeFiles.isDirectory(spec) else {
      terminal.err("error: no spec folder at '\(spec)'\n  hint: run from the repository root or pass --spec")
      throw ExitStatus.usage
    }
    var failed = false
    let schemas = ["v1", "v2"].map { "\(spec)/\($0)/schema.yaml" }
    if let tool = Self.which("check-jsonschema") {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: tool)
      p.arguments = ["--check-metaschema"] + schemas
      try p.run()
      p.waitUntilExit()
      if p.terminationStatus != 0 { failed = true }
    } else {
      terminal.err("note: check-jsonschema is not installed; skipped the metaschema check (pip install check-jsonschema)")
    }
    var all: [Diagnostic] = []
    var count = 0
    for version in ["v1", "v2"] {
      var missing: [String] = []
      for file in RecipeFiles.list(["\(spec)/\(version)/examples"], missing: &missing) {
        count += 1
        let report = ValidateFrontend.validate(
          bytes: RecipeFiles.read(file) ?? [], file: file, schema: version == "v1" ? .v1 : .v2)
        all += report.diagnostics
      }
    }
    printer.printAll(all)
    terminal.err("examples: " + DiagnosticPrinter.summary(files: count, diagnostics: all))
    if failed || all.hasErrors { throw ExitStatus.invalid }
  }

  static func which(_ name: String) -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}
