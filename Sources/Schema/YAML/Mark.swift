/// A position in a YAML source text.
///
/// `line` and `column` are 1-based; `column` counts Unicode scalars as libyaml does.
/// `offset` is the 0-based byte offset into the UTF-8 source. A node built in code (not parsed)
/// has `Mark.none`.
public struct Mark: Sendable, Hashable, Codable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  /// The mark of a node that did not come from a source text.
  public static let none = Mark(line: 0, column: 0, offset: -1)

  /// Whether this mark points into a source text.
  public var isKnown: Bool { line > 0 }

  public var description: String { "\(line):\(column)" }
}
