import Schema

/// Prints diagnostics like a compiler on stderr, and the summary line.
struct DiagnosticPrinter {
  var terminal: Terminal
  var quiet = false

  func print(_ d: Diagnostic) {
    if quiet, d.severity != .error { return }
    let color = terminal.stderrColor
    var line = ""
    if let loc = d.location { line += Terminal.paint("\(loc): ", "1", enabled: color) }
    let sev: String
    switch d.severity {
    case .error: sev = Terminal.paint("error:", "1;31", enabled: color)
    case .warning: sev = Terminal.paint("warning:", "1;35", enabled: color)
    case .note: sev = Terminal.paint("note:", "1;36", enabled: color)
    }
    line += "\(sev) \(d.message)"
    if !d.path.isEmpty { line += Terminal.paint(" [\(d.path)]", "2", enabled: color) }
    if let related = d.related { line += "\n\(related): note: first defined here" }
    if let hint = d.hint {
      line += "\n  " + Terminal.paint("hint:", "1;32", enabled: color) + " \(hint)"
    }
    terminal.err(line)
  }

  func printAll(_ ds: [Diagnostic]) { for d in ds { print(d) } }

  /// "3 files, 1 error, 2 warnings".
  static func summary(files: Int, diagnostics: [Diagnostic]) -> String {
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return [
      plural(files, "file"), plural(diagnostics.errorCount, "error"),
      plural(diagnostics.warningCount, "warning"),
    ]
    .joined(separator: ", ")
  }
}
