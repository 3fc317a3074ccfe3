import Schema

/// Parses `spec/engines/renames.tsv` (`engine old new since note value`).
enum RenameTableParser {
  /// - Throws: ``FlagCatalogError`` `.tooFewColumns` / `.missingHeader` with the line.
  static func parse(_ text: String, file: String) throws(FlagCatalogError) -> [FlagRename] {
    var rows: [FlagRename] = []
    var sawHeader = false
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let line = offset + 1
      if raw.isEmpty || raw.hasPrefix("#") { continue }
      let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if !sawHeader {
        guard fields.first == "engine" else {
          throw FlagCatalogError(kind: .missingHeader, file: file, line: line)
        }
        sawHeader = true
        continue
      }
      guard fields.count >= 5 else {
        throw FlagCatalogError(kind: .tooFewColumns(found: fields.count), file: file, line: line)
      }
      guard let engine = Engine(rawValue: fields[0]) else {
        throw FlagCatalogError(kind: .unknownKind(fields[0]), file: file, line: line)
      }
      guard let since = EngineVersion(fields[3]) else {
        throw FlagCatalogError(kind: .unknownKind(fields[3]), file: file, line: line)
      }
      rows.append(
        FlagRename(
          engine: engine, old: fields[1], new: fields[2].isEmpty ? nil : fields[2], since: since,
          note: fields[4], value: FlagRename.Value(column: fields.count > 5 ? fields[5] : "")))
    }
    return rows
  }
}
