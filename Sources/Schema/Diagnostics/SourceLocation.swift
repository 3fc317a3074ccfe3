/// A place in a named file: `file:line:col`, 1-based.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public init(file: String, mark: Mark) {
    self.init(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
  }

  public var description: String { "\(file):\(line):\(column)" }
}
