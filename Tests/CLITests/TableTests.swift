import Foundation
import TestSupport
import Testing

@testable import RegistryCLI

/// Tables never cut a cell: in full when stdout is not a terminal; in a narrow terminal,
/// whole low-priority columns are left out (never the name), with a footer saying which.
@Suite struct TableTests {
  static let repo = InProcessCommandTests.repo
  static let table = Table(
    headers: ["NAME", "MODEL", "ENGINE", "GPU"],
    rows: [
      [
        "a-very-long-recipe-name-that-is-wider-than-the-terminal", "org/Model-Name-70B",
        "sglang@v0.5.8", "gb200 × 48",
      ],
      ["short", "m", "vllm@v0.11.0", "h100"],
    ],
    dropOrder: [1, 2, 3])

  @Test func withoutAWidthEveryCellPrintsInFull() {
    let rendered = Self.table.render(width: nil, color: false)
    #expect(rendered.dropped.isEmpty)
    #expect(
      rendered.text == """
        NAME                                                     MODEL               ENGINE         GPU
        a-very-long-recipe-name-that-is-wider-than-the-terminal  org/Model-Name-70B  sglang@v0.5.8  gb200 × 48
        short                                                    m                   vllm@v0.11.0   h100
        """)
  }

  @Test func aNarrowWidthDropsWholeColumnsNeverTheName() {
    let wide = Self.table.render(width: 200, color: false)
    #expect(wide.dropped.isEmpty)
    let noModel = Self.table.render(width: 85, color: false)
    #expect(noModel.dropped == ["MODEL"])
    #expect(noModel.text.split(separator: "\n").allSatisfy { $0.count <= 85 })
    #expect(
      noModel.text.split(separator: "\n")[1]
        == "a-very-long-recipe-name-that-is-wider-than-the-terminal  sglang@v0.5.8  gb200 × 48")
    // Narrower than the name: only the name is left, whole.
    let nameOnly = Self.table.render(width: 30, color: false)
    #expect(nameOnly.dropped == ["MODEL", "ENGINE", "GPU"])
    #expect(nameOnly.text == "NAME\na-very-long-recipe-name-that-is-wider-than-the-terminal\nshort")
    #expect(!nameOnly.text.contains("…"))
  }

  @Test func searchPipedPrintsEveryNameInFull() throws {
    let args = ["search", "--gpu", "gb200", "--repo", Self.repo]
    let table = InProcessCommandTests.run(args)
    #expect(table.status == 0)
    #expect(!table.stdout.contains("…"))
    let names = InProcessCommandTests.run(args + ["-o", "paths"]).stdout.split(separator: "\n")
      .map { String($0.split(separator: "/").last!.dropLast(".yaml".count)) }
    let rows = table.stdout.split(separator: "\n").dropFirst()
    #expect(rows.count == names.count)
    #expect(rows.count > 10)
    #expect(rows.map { String($0.prefix { $0 != " " }) }.sorted() == names.sorted())
    // The binary, its stdout a pipe, prints the same whatever COLUMNS says.
    let env = try #require(Subprocess.which("env"))
    let piped = try Subprocess.run(env, ["COLUMNS=60", try RegistryBinary.path()] + args)
    #expect(piped.stdout == table.stdout)
    #expect(piped.stderr == table.stderr)
  }

  @Test(.requiresTool("script"))
  func aNarrowTerminalLeavesOutColumnsAndSaysWhich() throws {
    let script = try #require(Subprocess.which("script"))
    let command =
      "COLUMNS=70 '\(try RegistryBinary.path())' search --gpu gb200 --color never --repo '\(Self.repo)'"
    let r = try Subprocess.run(script, ["-qec", command, "/dev/null"])
    #expect(r.status == 0, "\(r.stdout)")
    // What the terminal shows: a progress line rewritten with "\r ESC[K" is gone.
    // ("\r\n" is one Character in Swift: make it "\n" first.)
    let lines = r.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map {
      line in
      String(line.split(separator: "\r").last ?? "").replacingOccurrences(of: "\u{1B}[K", with: "")
    }.filter { !$0.isEmpty }
    #expect(!lines.contains { $0.contains("…") })
    #expect(lines.first?.hasPrefix("NAME") == true)
    #expect(lines.first?.contains("PRECISION") == false)
    let footer = lines.first { $0.hasPrefix("columns ") }
    #expect(
      footer?.hasSuffix(
        "left out to fit 70 columns (a wider terminal, a pipe or -o json shows them)") == true,
      "\(r.stdout)")
    #expect(footer?.contains("PRECISION") == true)
    let piped = InProcessCommandTests.run(["search", "--gpu", "gb200", "--repo", Self.repo])
    let names = piped.stdout.split(separator: "\n").map { $0.prefix { $0 != " " } }
    for name in names {
      #expect(lines.contains { $0.hasPrefix(name + " ") || $0 == name }, "\(name)")
    }
  }

  /// Columns align by characters: one per scalar below U+0300 (é, ×, ß, ʰ are two bytes
  /// each), a letter with a combining accent is one, and CR LF is one.
  @Test func widthsCountCharactersNotBytes() {
    let table = Table(
      headers: ["NAME", "X"],
      rows: [
        ["é×ß", "a"],
        ["e\u{301}e\u{301}", "b"],
        ["a\r\nb", "c"],
        ["ʰʰʰʰʰ", "d"],
        ["日本", "e"],
      ])
    // The widest cell is "ʰʰʰʰʰ" (5 characters, 10 bytes): every X starts after 5 + 2.
    #expect(
      table.render(width: nil, color: false).text
        == "NAME   X\né×ß    a\ne\u{301}e\u{301}     b\na\r\nb    c\nʰʰʰʰʰ  d\n日本     e")
  }

  /// Widths are counted eight ASCII bytes at a time: text that is not ASCII, or holds CR, at
  /// any offset of a word or in the tail, still counts as `String` counts it.
  @Test func widthsOfLongTextMatchCharacterCounts() {
    for special in ["é", "×", "e\u{301}", "\r\n", "\r", "日本", "😀", "ʰ", "\n", "\t"] {
      for offset in 0..<17 {
        let text =
          String(repeating: "a", count: offset) + special
          + String(repeating: "b", count: 16 - offset)
        #expect(TextWidth.of(text) == text.count, "\(special.debugDescription) at \(offset)")
      }
    }
    #expect(TextWidth.of(String(repeating: "abcdefgh", count: 5)) == 40)
  }

  /// A long table goes out in pieces of whole rows, about 64 KiB each, that join into the
  /// table `render(width:color:)` returns.
  @Test func aLongTableIsWrittenInPiecesOfWholeRows() {
    let table = Table(
      headers: ["NAME", "GPU"], rows: (0..<20_000).map { ["r\($0)", "gb200 × \($0 % 7)"] })
    var pieces: [String] = []
    let dropped = table.render(width: nil, color: false) { pieces.append($0) }
    #expect(dropped.isEmpty)
    #expect(pieces.first == "NAME    GPU")
    #expect(pieces.count > 3)
    #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix("\n") && $0.utf8.count < 70_000 })
    // The widest name is "r19999" (6): GPU starts at column 8.
    let expected =
      "NAME    GPU"
      + (0..<20_000).map { i in
        "\nr\(i)" + String(repeating: " ", count: 8 - "r\(i)".count) + "gb200 × \(i % 7)"
      }.joined()
    #expect(pieces.joined() == expected)
    #expect(table.render(width: nil, color: false).text == expected)
  }
}
