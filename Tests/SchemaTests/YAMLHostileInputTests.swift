import Testing

@testable import Schema

/// Each hostile input gives a located error of the expected kind, or a documented reading.
@Suite struct YAMLHostileInputTests {
  private func error(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLError? {
    do {
      _ = try YAML.parse(bytes, limits: limits)
      return nil
    } catch {
      return error
    }
  }

  private func error(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
    error(Array(text.utf8), limits: limits)
  }

  @Test func duplicateKeyNamesBothLocations() throws {
    let e = try #require(error("name: a\nmodel:\n  path: x\nname: b\n"))
    #expect(e.kind == .duplicateKey)
    #expect(e.mark.line == 4 && e.mark.column == 1)
    #expect(e.related?.line == 1 && e.related?.column == 1)
  }

  @Test func duplicateKeyInLargeMappingUsesIndex() throws {
    var text = ""
    for i in 0..<40 { text += "k\(i): \(i)\n" }
    text += "k7: again\n"
    let e = try #require(error(text))
    #expect(e.kind == .duplicateKey)
    #expect(e.mark.line == 41)
    #expect(e.related?.line == 8)
  }

  @Test func sameTextDifferentTypeKeysAreDistinct() throws {
    let doc = try YAML.parse("1: int\n\"1\": string\n")
    #expect(doc.root.mapping?.count == 2)
  }

  @Test func billionLaughsFailsFast() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 {
      let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
      text += "a\(i): &a\(i) [\(refs)]\n"
    }
    let e = try #require(error(text))
    #expect(e.kind == .aliasBudget)
    #expect(e.mark.line >= 4 && e.mark.line <= 6)
  }

  @Test func smallAliasesAreExpanded() throws {
    let doc = try YAML.parse("base: &b {tp: 4}\nprefill: *b\n")
    #expect(doc.root["prefill"]?["tp"]?.resolved == .int(4))
  }

  @Test func unknownAliasIsLocated() throws {
    let e = try #require(error("a: 1\nb: *nope\n"))
    #expect(e.kind == .unknownAlias)
    #expect(e.mark.line == 2 && e.mark.column == 4)
  }

  @Test func deepNestingHitsTheDepthLimit() throws {
    let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let e = try #require(error(text))
    #expect(e.kind == .depthLimit)
    #expect(e.mark.line == 1 && e.mark.column == YAMLLimits.default.maxDepth + 1)
  }

  @Test func sizeLimitRejectsBeforeParsing() throws {
    let big = "a: " + String(repeating: "x", count: 2_000) + "\n"
    let e = try #require(error(big, limits: YAMLLimits(maxDocumentBytes: 1_000)))
    #expect(e.kind == .sizeLimit)
  }

  @Test func secondDocumentIsAnErrorForRecipes() throws {
    let e = try #require(error("a: 1\n---\nb: 2\n"))
    #expect(e.kind == .multipleDocuments)
    #expect(e.mark.line == 2)
    let docs = try YAML.parseStream(Array("a: 1\n---\nb: 2\n".utf8))
    #expect(docs.count == 2)
    #expect(docs[1].root["b"]?.resolved == .int(2))
  }

  @Test func invalidUTF8IsLocated() throws {
    var bytes = Array("name: ok\nmodel: ".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("\n".utf8)
    let e = try #require(error(bytes))
    #expect(e.kind == .invalidUTF8)
    #expect(e.mark.line == 2 && e.mark.column == 8)
  }

  /// Found by the `yaml` fuzzer: a UTF-16 byte-order mark switched libyaml to UTF-16, which read
  /// ASCII text as CJK characters while marks and comments were still taken from the bytes as
  /// UTF-8 (an emitted comment then held control characters). Every encoding but UTF-8 is now
  /// an error at the first byte that names it.
  @Test func utf16AndUTF32AreNamedAtTheFirstByte() throws {
    let text = "name: demo\n"
    let sources: [(String, [UInt8])] = [
      ("UTF-16", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
      ("UTF-16", [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
      (
        "UTF-32",
        [0xFF, 0xFE, 0, 0] + text.unicodeScalars.flatMap { [UInt8($0.value & 0xFF), 0, 0, 0] }
      ),
      (
        "UTF-32",
        [0, 0, 0xFE, 0xFF] + text.unicodeScalars.flatMap { [0, 0, 0, UInt8($0.value & 0xFF)] }
      ),
    ]
    for (encoding, bytes) in sources {
      for comments in [true, false] {
        let error = #expect(throws: YAMLError.self, "\(encoding) was read") {
          try YAML.parseStream(bytes, comments: comments)
        }
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.message.contains(encoding) == true, "\(String(describing: error))")
        #expect(error?.mark == Mark(line: 1, column: 1, offset: 0))
        #expect(error?.hint == "save the file as UTF-8")
      }
    }
  }

  @Test func tabIndentationIsNamed() throws {
    let e = try #require(error("resources:\n\tgpu_type: gb200\n"))
    #expect(e.kind == .tabIndentation)
    #expect(e.mark.line == 2 && e.mark.column == 1)
    #expect(e.hint?.contains("spaces") == true)
  }

  @Test func emptySourceIsAnError() throws {
    for text in ["", "\n\n", "# only a comment\n"] {
      let e = try #require(error(text))
      #expect(e.kind == .emptyDocument)
      #expect(e.mark.line == 1)
    }
  }

  @Test func nulByteIsLocated() throws {
    let e = try #require(error([UInt8]("a: b".utf8) + [0] + [UInt8]("\n".utf8)))
    #expect(e.mark.line == 1)
    #expect(e.kind == .syntax)
  }

  @Test func bomAndCRLFAreRead() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name: x\r\ntp: 4\r\n".utf8)
    let doc = try YAML.parse(bytes)
    #expect(doc.root["name"]?.scalar == "x")
    let tp = try #require(doc.root["tp"])
    #expect(tp.start.line == 2 && tp.start.column == 5)
    #expect(bytes[tp.start.offset] == UInt8(ascii: "4"))
  }

  @Test func unclosedFlowSequenceIsASyntaxErrorWithHint() throws {
    let e = try #require(error("labels: [\"disagg\", \"fast\"\nname: x\n"))
    #expect(e.kind == .syntax)
    #expect(e.mark.line >= 1)
    #expect(e.hint != nil)
  }

  @Test func yaml11BooleansAreStrings() throws {
    let doc = try YAML.parse("country: no\nflag: yes\nmode: on\nreal: true\n")
    #expect(doc.root["country"]?.resolved == .string("no"))
    #expect(doc.root["flag"]?.resolved == .string("yes"))
    #expect(doc.root["mode"]?.resolved == .string("on"))
    #expect(doc.root["real"]?.resolved == .bool(true))
  }

  @Test(arguments: [
    ("0755", ResolvedScalar.int(755)), ("0o755", .int(493)), ("0x1F", .int(31)),
    ("1.0", .float(1.0)), ("v0.5.5.post2", .string("v0.5.5.post2")), ("0.8.1", .string("0.8.1")),
    ("inf", .string("inf")), (".inf", .float(.infinity)), ("~", .null), ("", .null),
    ("1e3", .float(1000)), ("-12", .int(-12)), ("+7", .int(7)), ("1_000", .string("1_000")),
    ("99999999999999999999", .float(1e20)), ("4x8x16", .string("4x8x16")),
  ])
  func plainScalarsResolveByCoreSchema(text: String, expected: ResolvedScalar) {
    #expect(ScalarResolver.resolvePlain(text) == expected)
  }

  @Test func quotedNumbersAreStrings() throws {
    let doc = try YAML.parse("a: \"1.0\"\nb: '8'\nc: !!str 12\nd: 1.0\n")
    #expect(doc.root["a"]?.resolved == .string("1.0"))
    #expect(doc.root["b"]?.resolved == .string("8"))
    #expect(doc.root["c"]?.resolved == .string("12"))
    #expect(doc.root["d"]?.resolved == .float(1.0))
  }
}
