/// Why a flag catalog (TSV) or the catalog store could not be loaded.
public struct FlagCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of problem.
  public enum Kind: Sendable, Hashable {
    /// A data row has fewer than 7 tab-separated columns.
    case tooFewColumns(found: Int)
    /// The `kind` column is neither `bool` nor `value`.
    case unknownKind(String)
    /// The first non-comment line is not the `flag	kind	…` header.
    case missingHeader
    /// A file or directory could not be read.
    case unreadable(path: String)
  }

  /// What went wrong.
  public let kind: Kind
  /// The file (or catalog label) concerned.
  public let file: String
  /// 1-based line number, 0 when not tied to a line.
  public let line: Int

  /// An error of `kind` at `line` of `file`.
  public init(kind: Kind, file: String, line: Int) {
    self.kind = kind
    self.file = file
    self.line = line
  }

  /// `file:line: message`.
  public var description: String {
    let place = line > 0 ? "\(file):\(line)" : file
    switch kind {
    case .tooFewColumns(let n): return "\(place): expected 7 tab-separated columns, found \(n)"
    case .unknownKind(let k):
      return "\(place): unknown flag kind '\(k)' (expected 'bool' or 'value')"
    case .missingHeader:
      return
        "\(place): missing header line 'flag\tkind\ttype\tdefault\tchoices\taliases\tdeprecated'"
    case .unreadable(let path): return "\(place): cannot read '\(path)'"
    }
  }
}
