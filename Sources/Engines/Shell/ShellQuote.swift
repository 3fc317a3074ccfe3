/// POSIX shell quoting for untrusted text: the one place that decides how a value reaches a
/// shell. Every argv element, env value and host a launch renderer writes into a script, and
/// every word an exporter writes into a command line, goes through ``quote(_:)``.
package enum ShellQuote {
  /// `word` as one POSIX `sh` word that expands to exactly `word`.
  ///
  /// Returns `word` unchanged when it is non-empty and made only of
  /// `A-Z a-z 0-9 _ - . / : , + = @ %` (no glob, expansion, quote, space or `~`
  /// characters); otherwise wraps it in single quotes, writing each
  /// embedded `'` as `'\''`. The empty string becomes `''`.
  package static func quote(_ word: String) -> String {
    if !word.isEmpty, word.utf8.allSatisfy(isSafe) { return word }
    var out = "'"
    for scalar in word.unicodeScalars {
      if scalar == "'" { out += #"'\''"# } else { out.unicodeScalars.append(scalar) }
    }
    out += "'"
    return out
  }

  /// Each element quoted, joined by single spaces.
  package static func join(_ words: [String]) -> String {
    words.map(quote).joined(separator: " ")
  }

  private static func isSafe(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
      UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "="),
      UInt8(ascii: "@"), UInt8(ascii: "%"):
      true
    default: false
    }
  }
}
