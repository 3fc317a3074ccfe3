import Engines
import Foundation
import Migrate
import TestSupport
import Testing

/// `ShellQuote`, the one POSIX shell quoting of the package (launch scripts, exported command
/// lines): words read back byte-exact by `sh`, `bash` and `ShellWords`.
@Suite("ShellQuote")
struct ShellQuoteTests {
  static let hostile: [String] = [
    "plain", "", "a b", "it's", "\"dq\"", "$(touch /tmp/pwned)", "`id`", "a;b", "line1\nline2",
    "*", "?.tsv", "[ab]", "~root", "$HOME", "\\", "'", "''", "a'b'c", "--flag=value with space",
    "{\"kv_role\":\"kv_both\"}", "tab\there", "-n", "héllo", "!bang", "&", "|", ">out", "#hash",
  ]

  /// Strings a recipe could use to attack a shell or a YAML file (the launch tests' hostile
  /// values, `CANARY` standing for a file a successful attack would create).
  static let recipeHostile: [String] = [
    "it's", "say \"hi\"", "$(touch CANARY)", "`touch CANARY`", "a; touch CANARY",
    "line1\nline2", "*", "*.?[a]", "# comment", "key: value", "- item", "{a: b}", "[1, 2]",
    "&anchor", "*alias", "!tag", "%directive", "@at", "yes", "null", "~", "0x1F", "1e3", "",
    " lead", "trail ", "tab\there", "back\\slash", "${HOME}", "$HOME", "| block", "> folded",
    "ü ünïcode — ✓", "cr\r\nlf", "'\\''", "--port=$(id)", "x' ; touch CANARY ; '", "\"",
    "a\u{2028}b", "end\\", "!!python/object:os.system", "--- ", "...", "?", ": x",
  ]

  @Test func plainWhenSafe() {
    #expect(ShellQuote.quote("--tp-size") == "--tp-size")
    #expect(ShellQuote.quote("meta-llama/Llama-3.1-8B") == "meta-llama/Llama-3.1-8B")
    #expect(ShellQuote.quote("a/b:c=d,e@f%g+h.i") == "a/b:c=d,e@f%g+h.i")
    #expect(ShellQuote.quote("a b") == "'a b'")
    #expect(ShellQuote.quote("") == "''")
    #expect(ShellQuote.quote("it's") == #"'it'\''s'"#)
    #expect(ShellQuote.quote("~") == "'~'")
  }

  @Test("round trip through /bin/sh", arguments: hostile)
  func roundTripThroughShell(_ word: String) throws {
    let quoted = ShellQuote.quote(word)
    // The quoted word is parsed by sh itself and printed back verbatim.
    let output = try Self.sh("printf %s " + quoted)
    #expect(output == word)
    // Our tokenizer agrees with sh.
    #expect(try ShellWords.split(quoted).map(\.text) == [word])
  }

  @Test("quoted words reach bash byte-exact", arguments: recipeHostile)
  func roundTripThroughBash(_ word: String) throws {
    let r = try Subprocess.run("/bin/bash", ["-c", "printf '%s' \(ShellQuote.quote(word))"])
    #expect(r.status == 0)
    #expect(r.stdout == word)
  }

  @Test func joinedArgvRoundTrips() throws {
    let argv = Self.hostile
    let script = "for a in " + ShellQuote.join(argv) + "; do printf '%s\\0' \"$a\"; done"
    let out = try Self.sh(script)
    #expect(
      out.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        == argv)
  }

  /// Runs `/bin/sh -c script` and returns stdout.
  static func sh(_ script: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
