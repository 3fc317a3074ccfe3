/// A position in a YAML source text.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars as libyaml does.
/// `offset` is the 0-based byte offset into the UTF-8 source. A node built in code (not parsed)
/// has `Mark.none`.
///
/// Stored as 32-bit integers (documents are far below 2 GB; see `YAMLLimits`) so that a node,
/// which carries two marks, stays small to copy.
public struct Mark: Sendable, Hashable, Codable, CustomStringConvertible {
  private var storedLine: Int32
  private var storedColumn: Int32
  private var storedOffset: Int32

  /// The 1-based line (0 for `Mark.none`).
  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(truncatingIfNeeded: newValue) }
  }

  /// The 1-based column, in Unicode scalars (0 for `Mark.none`).
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(truncatingIfNeeded: newValue) }
  }

  /// The 0-based byte offset into the UTF-8 source.
  public var offset: Int {
    get { Int(storedOffset) }
    set { storedOffset = Int32(truncatingIfNeeded: newValue) }
  }

  /// A mark at `line`, `column` and byte `offset`.
  public init(line: Int, column: Int, offset: Int) {
    storedLine = Int32(truncatingIfNeeded: line)
    storedColumn = Int32(truncatingIfNeeded: column)
    storedOffset = Int32(truncatingIfNeeded: offset)
  }

  /// The mark of a node that did not come from a source text.
  public static let none = Mark(line: 0, column: 0, offset: -1)

  /// Whether this mark points into a source text.
  public var isKnown: Bool { storedLine > 0 }

  /// `line:column`.
  public var description: String { "\(line):\(column)" }

  private enum CodingKeys: String, CodingKey {
    case line, column, offset
  }

  /// Decodes a mark from its `line`, `column` and `offset`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      line: try c.decode(Int.self, forKey: .line), column: try c.decode(Int.self, forKey: .column),
      offset: try c.decode(Int.self, forKey: .offset))
  }

  /// Encodes the mark as its `line`, `column` and `offset`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(line, forKey: .line)
    try c.encode(column, forKey: .column)
    try c.encode(offset, forKey: .offset)
  }
}
