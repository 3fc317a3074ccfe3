/// A POSIX-shell-like word splitter for command templates (spark `command`) and
/// `extra_args` strings.
///
/// Rules (a subset of POSIX `sh` token recognition, no expansion):
/// - unquoted spaces, tabs, carriage returns and newlines separate words;
/// - `'…'` keeps everything literally up to the next `'`;
/// - `"…"` keeps text literally except that `\` escapes `$`, `` ` ``, `"`, `\` and
///   newline (line continuation); any other `\x` keeps both characters;
/// - unquoted `\x` yields `x`; unquoted `\` + newline is a line continuation (removed);
/// - `#` at the start of a word starts a comment that runs to the end of the line;
/// - `{param}` placeholders (`{` identifier `}`, identifier = letters, digits, `_`, `-`,
///   `.`, starting with a letter or `_`) are kept verbatim, in or out of quotes, and
///   reported in ``Word/placeholders``;
/// - operators (`;`, `|`, `&&`, redirections) and `$…` are not interpreted: they are
///   ordinary characters of a word.
public enum ShellWords {
  /// Splits `text` into words.
  ///
  /// - Throws: ``ShellWordsError`` for an unterminated quote (offset of the opening
  ///   quote) or a trailing unquoted backslash (its offset).
  public static func split(_ text: String) throws(ShellWordsError) -> [Word] {
    var tokenizer = ShellTokenizer(Array(text.utf8))
    return try tokenizer.run()
  }
}
