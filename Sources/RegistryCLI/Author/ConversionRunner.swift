import ArgumentParser
import Migrate
import Schema

/// Shared body of `convert` and `migrate`: runs the files through `ConversionBatch` (convert,
/// verify, decide about losses, write or diff) and renders the output, diagnostics and the
/// loss report.
struct ConversionRunner {
  var from: RecipeFormat?
  var to: RecipeFormat
  var allowLoss = false
  var verify = false
  var global: GlobalOptions

  struct FileResult: Codable {
    var file: String
    var source: String
    var target: String
    var output: String?
    var text: String?
    var diagnostics: [Diagnostic]
    var losses: [LossEntry]
    var verified: Bool?
  }

  struct Report: Codable {
    var files: [FileResult]
    var summary: Summary
  }

  struct Summary: Codable {
    var files: Int
    var converted: Int
    var errors: Int
    var warnings: Int
    var losses: Int
  }

  /// Converts each (input, destination) pair through `ConversionBatch` (one worker per core,
  /// results in input order) and exits 1 when any failed or lost something without
  /// `--allow-loss`.
  func run(_ jobs: [ConversionBatch.Job], skipOtherFormats: Bool = false) throws {
    let terminal = Terminal(colorChoice: global.color)
    let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
    let batch = ConversionBatch(
      from: from, to: to, allowLoss: allowLoss, verify: verify, skipOtherFormats: skipOtherFormats)
    let converted = batch.run(jobs).compactMap { $0 }
    let failed = converted.contains { $0.failed }
    let stdoutTexts = converted.compactMap(\.printed)
    let results = converted.map { r in
      FileResult(
        file: r.file, source: r.source, target: r.target, output: r.written,
        text: global.json && r.converted && r.written == nil ? r.text : nil,
        diagnostics: r.diagnostics,
        losses: r.losses, verified: r.verified)
    }
    let all = results.flatMap(\.diagnostics)
    if global.json {
      try JSONOutput.print(
        Report(
          files: results,
          summary: Summary(
            files: results.count, converted: results.count { !$0.diagnostics.hasErrors },
            errors: all.errorCount, warnings: all.warningCount,
            losses: results.reduce(0) { $0 + $1.losses.count })))
    } else {
      let joined = stdoutTexts.filter { !$0.isEmpty }
      if !joined.isEmpty {
        var text = ""
        for (i, t) in joined.enumerated() {
          if i > 0, !t.hasPrefix("---") { text += "---\n" }
          text += t
          if !text.hasSuffix("\n") { text += "\n" }
        }
        terminal.write(text)
      }
      printer.printAll(all)
      let lossCount = results.reduce(0) { $0 + $1.losses.count }
      if lossCount > 0 && !allowLoss {
        terminal.err(
          "\(lossCount) loss\(lossCount == 1 ? "" : "es"): nothing written for the files above (pass --allow-loss to convert anyway)"
        )
      }
      if !global.quiet || all.hasErrors {
        terminal.err(DiagnosticPrinter.summary(files: results.count, diagnostics: all))
      }
    }
    if failed { throw ExitStatus.invalid }
  }
}

extension RecipeFormat: ExpressibleByArgument {}
