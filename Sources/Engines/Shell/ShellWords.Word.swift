extension ShellWords {
  /// One word of a split command line.
  public struct Word: Sendable, Hashable, CustomStringConvertible {
    /// The word after quote removal, placeholders kept verbatim (`--port={port}`).
    public let text: String
    /// Byte range (UTF-8 offsets) of the word in the input, quotes included.
    public let range: Range<Int>
    /// Names of the `{param}` placeholders in the word, in order (`["port"]`).
    public let placeholders: [String]
    /// True when any part of the word was quoted.
    public let wasQuoted: Bool

    /// A word with the given text, source range, placeholders and quoting.
    public init(text: String, range: Range<Int>, placeholders: [String], wasQuoted: Bool) {
      self.text = text
      self.range = range
      self.placeholders = placeholders
      self.wasQuoted = wasQuoted
    }

    /// True when the word contains a `{param}` placeholder.
    public var containsPlaceholder: Bool { !placeholders.isEmpty }

    /// The word's text.
    public var description: String { text }
  }
}
