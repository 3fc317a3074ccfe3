import Engines
import Foundation
import Migrate
import Testing

@Suite("ShellWords")
struct ShellWordsTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let input: String
    let words: [String]
    var testDescription: String { input.debugDescription }
  }

  static let cases: [Case] = [
    Case(input: "--tp 8  --kv-cache-dtype\tfp8", words: ["--tp", "8", "--kv-cache-dtype", "fp8"]),
    Case(
      input: "vllm serve \\\n  --port 8000 \\\n  --max-model-len 32k",
      words: ["vllm", "serve", "--port", "8000", "--max-model-len", "32k"]),
    Case(input: "ab\\\ncd", words: ["abcd"]),
    Case(input: "'a b' \"c d\" e\\ f", words: ["a b", "c d", "e f"]),
    Case(
      input: "--kv-transfer-config '{\"kv_connector\":\"NixlConnector\"}'",
      words: ["--kv-transfer-config", "{\"kv_connector\":\"NixlConnector\"}"]),
    Case(input: #""a\"b\\c\$d\`e\x""#, words: [#"a"b\c$d`e\x"#]),
    Case(input: "\"line\\\ncont\"", words: ["linecont"]),
    Case(input: "'it'\\''s'", words: ["it's"]),
    Case(input: "a # comment here\nb", words: ["a", "b"]),
    Case(input: "a#b c", words: ["a#b", "c"]),
    Case(input: "# only a comment", words: []),
    Case(input: "'' \"\"", words: ["", ""]),
    Case(input: "   ", words: []),
    Case(input: "x=\"$(rm -rf /)\";y", words: ["x=$(rm -rf /);y"]),
    Case(input: "--model {model} --port={port}", words: ["--model", "{model}", "--port={port}"]),
    Case(input: "héllo wörld", words: ["héllo", "wörld"]),
  ]

  @Test(arguments: cases)
  func splits(_ c: Case) throws {
    #expect(try ShellWords.split(c.input).map(\.text) == c.words)
  }

  @Test func placeholdersAndRanges() throws {
    let input =
      "python3 -m sglang.launch_server --model-path {model} --tp '{tp_size}' --x {not closed --y {1bad}"
    let words = try ShellWords.split(input)
    let model = try #require(words.first { $0.text == "{model}" })
    #expect(model.placeholders == ["model"])
    #expect(model.containsPlaceholder)
    let tp = try #require(words.first { $0.text == "{tp_size}" })
    #expect(tp.placeholders == ["tp_size"] && tp.wasQuoted)
    let bytes = Array(input.utf8)
    #expect(String(decoding: bytes[tp.range], as: UTF8.self) == "'{tp_size}'")
    #expect(!words.contains { $0.text == "{not" && $0.containsPlaceholder })
    #expect(!words.contains { $0.text == "{1bad}" && $0.containsPlaceholder })
    for w in words where !w.wasQuoted {
      #expect(String(decoding: bytes[w.range], as: UTF8.self) == w.text)
    }
    let multi = try ShellWords.split("--dist-init-addr={host}:{port}")
    #expect(multi.first?.placeholders == ["host", "port"])
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let input: String
    let kind: ShellWordsError.Kind
    let offset: Int
    var testDescription: String { input.debugDescription }
  }

  static let bad: [Bad] = [
    Bad(input: "--a 'oops", kind: .unterminatedSingleQuote, offset: 4),
    Bad(input: "x \"ab\\\" c", kind: .unterminatedDoubleQuote, offset: 2),
    Bad(input: "é 'x", kind: .unterminatedSingleQuote, offset: 3),
    Bad(input: "abc \\", kind: .danglingBackslash, offset: 4),
  ]

  @Test(arguments: bad)
  func errors(_ b: Bad) {
    #expect(throws: ShellWordsError(kind: b.kind, offset: b.offset)) {
      try ShellWords.split(b.input)
    }
  }
}
