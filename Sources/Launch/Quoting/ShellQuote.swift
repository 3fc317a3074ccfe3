/// POSIX shell quoting for untrusted text.
///
/// The one place in `Launch` that decides how a value reaches a shell: every argv element,
/// env value and host a renderer writes into a script goes through ``quote(_:)``.
public enum ShellQuote {
  /// Quotes a word so a POSIX shell reads it back byte-exact and expands nothing.
  ///
  /// Words made only of `[A-Za-z0-9_@%+=:,./-]` are returned as they are; anything else
  /// (including the empty string) is wrapped in single quotes, with each `'` written `'\''`.
  public static func quote(_ word: String) -> String {
    if !word.isEmpty, word.utf8.allSatisfy(isSafe) { return word }
    var out = "'"
    for ch in word.unicodeScalars {
      if ch == "'" { out += "'\\''" } else { out.unicodeScalars.append(ch) }
    }
    return out + "'"
  }

  /// Quotes every word and joins them with spaces: a command line.
  public static func join(_ words: [String]) -> String {
    words.map(quote).joined(separator: " ")
  }

  private static func isSafe(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"),
      UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "."),
      UInt8(ascii: "/"), UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }
}
