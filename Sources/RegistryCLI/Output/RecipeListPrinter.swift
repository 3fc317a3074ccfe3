import Registry
import Schema

/// Prints recipe rows as a table, JSON, YAML or paths (data on stdout).
enum RecipeListPrinter {
  /// Prints `rows` in `format`; a table's count and any columns left out go to stderr.
  static func print<Rows: RecipeRowSource>(
    _ rows: Rows, registry: String, commit: String, format: OutputFormat,
    terminal: Terminal
  ) {
    switch format {
    case .json:
      var out = terminal.outputBuffer
      RecipeListJSON.write(rows, registry: registry, commit: commit, to: &out)
      out.append("\n")
      out.flush()
    case .yaml:
      terminal.out(YAMLEmitter.emit(.sequence((0..<rows.count).map { rows.row($0).node })))
    case .paths:
      printPaths(rows, terminal: terminal)
    case .table:
      if rows.count == 0 {
        terminal.err("no recipes match")
        return
      }
      let table = Table(
        headers: RecipeTableCells<Rows>.headers, cells: RecipeTableCells(rows),
        dropOrder: RecipeTableCells<Rows>.dropOrder)
      let width = terminal.tableWidth
      var out = terminal.outputBuffer
      let dropped = table.render(width: width, color: terminal.stdoutColor, to: &out)
      out.endLine()
      out.flush()
      if !dropped.isEmpty, let width {
        terminal.err(
          "columns \(dropped.joined(separator: ", ")) left out to fit \(width) columns (a wider terminal, a pipe or -o json shows them)"
        )
      }
      terminal.err(
        "\(rows.count) recipe\(rows.count == 1 ? "" : "s") at \(String(commit.prefix(12)))")
    }
  }

  /// One path a line, written in pieces of about 64 KiB (not a write per line).
  private static func printPaths(_ rows: some RecipeRowSource, terminal: Terminal) {
    var out = terminal.outputBuffer
    for r in 0..<rows.count {
      rows.withPath(r) { out.append($0) }
      out.append(byte: UInt8(ascii: "\n"))
      out.endUnit()
    }
    out.flush()
  }
}
