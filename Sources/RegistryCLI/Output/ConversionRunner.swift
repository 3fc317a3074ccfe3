import ArgumentParser
import Migrate
import Schema

/// Shared body of `convert` and `migrate`: converts files through `ConvertFrontend`, verifies,
/// decides about losses, writes or prints, and renders diagnostics and the loss report.
struct ConversionRunner {
  var from: RecipeFormat?
  var to: RecipeFormat
  var allowLoss = false
  var verify = false
  var global: GlobalOptions

  /// Where the output of one file goes.
  enum Destination {
    case stdout
    case file(String)
    case diff
  }

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

  /// Converts each (input, destination) pair and exits 1 when any failed or lost something
  /// without `--allow-loss`.
  func run(_ jobs: [(String, Destination)], skipOtherFormats: Bool = false) throws {
    let terminal = Terminal(colorChoice: global.color)
    let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
    var results: [FileResult] = []
    var stdoutTexts: [String] = []
    var failed = false
    for (file, destination) in jobs {
      guard let bytes = RecipeFiles.read(file) else {
        let d = Diagnostic(.error, code: "not-found", "cannot read '\(file)'")
        results.append(FileResult(file: file, source: "unknown", target: to.rawValue, diagnostics: [d], losses: []))
        failed = true
        continue
      }
      if skipOtherFormats, let from, let docs = try? YAML.parseStream(bytes),
        RecipeFormat.detect(documents: docs).format.family != from.family
      {
        continue
      }
      var outcome = ConvertFrontend.convert(bytes: bytes, file: file, from: from, to: to)
      var diagnostics = outcome.diagnostics
      diagnostics += outcome.losses.map { $0.diagnostic(file: file, severity: allowLoss ? .warning : .error) }
        .map { var d = $0; d.location = SourceLocation(file: file, line: 1, column: 1); return d }
      var verified: Bool?
      if verify, let recipe = outcome.recipe, !outcome.documents.isEmpty {
        let v2doc = ConvertFrontend.importV2(
          documents: (try? YAML.parseStream(bytes)) ?? [], file: file, format: outcome.source
        ).document
        let mismatches = ConversionVerifier.verify(
          source: recipe, sourceDocument: v2doc?.root, target: outcome.documents, format: to, file: file)
        diagnostics += mismatches
        verified = mismatches.isEmpty
      }
      let ok = outcome.succeeded && !diagnostics.hasErrors
      if !ok { failed = true }
      var written: String?
      if ok {
        switch destination {
        case .stdout:
          stdoutTexts.append(outcome.text)
        case .file(let path):
          do {
            try RecipeFiles.writeAtomically(outcome.text, to: path)
            written = path
          } catch {
            diagnostics.append(Diagnostic(.error, code: "write-failed", "cannot write '\(path)': \(error)"))
            failed = true
          }
        case .diff:
          let old = String(decoding: bytes, as: UTF8.self)
          stdoutTexts.append(LineDiff.unified(old, outcome.text, oldName: file.hasPrefix("/") ? file : "a/\(file)", newName: file.hasPrefix("/") ? file + " (migrated)" : "b/\(file)"))
        }
      } else {
        outcome.text = ""
      }
      results.append(FileResult(
        file: file, source: outcome.source.rawValue, target: to.rawValue, output: written,
        text: global.json && ok && written == nil ? outcome.text : nil, diagnostics: diagnostics,
        losses: outcome.losses, verified: verified))
    }
    let all = results.flatMap(\.diagnostics)
    if global.json {
      try JSONOutput.print(Report(files: results, summary: Summary(
        files: results.count, converted: results.count { !$0.diagnostics.hasErrors },
        errors: all.errorCount, warnings: all.warningCount, losses: results.reduce(0) { $0 + $1.losses.count })))
    } else {
      let joined = stdoutTexts.filter { !$0.isEmpty }
      if !joined.isEmpty {
        var text = ""
        for (i, t) in joined.enumerated() {
          if i > 0, !t.hasPrefix("---") { text += "---\n" }
          text += t
          if !text.hasSuffix("\n") { text += "\n" }
        }
        Terminal.write(text, to: 1)
      }
      printer.printAll(all)
      let lossCount = results.reduce(0) { $0 + $1.losses.count }
      if lossCount > 0 && !allowLoss {
        terminal.err("\(lossCount) loss\(lossCount == 1 ? "" : "es"): nothing written for the files above (pass --allow-loss to convert anyway)")
      }
      if !global.quiet || all.hasErrors {
        terminal.err(DiagnosticPrinter.summary(files: results.count, diagnostics: all))
      }
    }
    if failed { throw ExitStatus.invalid }
  }
}

extension RecipeFormat: ExpressibleByArgument {}
