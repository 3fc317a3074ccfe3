/// A place in a named file: `file:line:col`, 1-based.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file name (as given to the decoder).
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, in Unicode scalars.
  public var column: Int

  /// A location at `line` and `column` of `file`.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// The location of `mark` in `file`.
  public init(file: String, mark: Mark) {
    self.init(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
  }

  /// `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }
}
