import Registry
import Schema

/// Prints recipe rows as a table, JSON, YAML or paths (data on stdout).
enum RecipeListPrinter {
  static func print(
    _ rows: [RecipeRow], registry: String, commit: String, format: OutputFormat, terminal: Terminal
  ) throws {
    switch format {
    case .json:
      let list = RecipeList(registry: registry, commit: commit, count: rows.count, recipes: rows)
      if RecipeListJSON.write(list, to: terminal.write) {
        terminal.write("\n")
      } else {
        try JSONOutput.print(list, terminal: terminal)
      }
    case .yaml:
      terminal.out(YAMLEmitter.emit(.sequence(rows.map(\.node))))
    case .paths:
      printPaths(rows.lazy.map(\.path), terminal: terminal)
    case .table:
      if rows.isEmpty {
        terminal.err("no recipes match")
        return
      }
      let table = Table(
        headers: ["NAME", "MODEL", "ENGINE", "GPU", "TOPOLOGY", "PRECISION"],
        rows: rows.map { r in
          [
            r.name + (r.valid ? "" : " (invalid)"), r.model ?? "-", r.engineText, r.gpuText,
            r.topology ?? "-", r.precision ?? "-",
          ]
        },
        dropOrder: [5, 4, 1, 2, 3])
      let width = terminal.tableWidth
      // As `terminal.out` would: a newline after the last piece unless it ends with one.
      var last = ""
      let dropped = table.render(width: width, color: terminal.stdoutColor) { piece in
        terminal.write(piece)
        if !piece.isEmpty { last = piece }
      }
      if !last.hasSuffix("\n") { terminal.write("\n") }
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
  static func printPaths(_ paths: some Sequence<String>, terminal: Terminal) {
    var chunk = ""
    chunk.reserveCapacity(1 << 16)
    for path in paths {
      chunk += path
      chunk += "\n"
      if chunk.utf8.count >= 1 << 16 {
        terminal.write(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if !chunk.isEmpty { terminal.write(chunk) }
  }
}
