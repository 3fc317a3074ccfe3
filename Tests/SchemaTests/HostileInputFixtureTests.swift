import Foundation
import TestSupport
import Testing

@testable import Schema

/// The hostile-input corpus (`Fixtures/hostile/`): every file gives exactly the diagnostics of
/// its `.expected` sidecar (an empty sidecar: none, and the reading is asserted below), within
/// a generous time bound. The big cases (10k-deep nesting, a 100 MB scalar) are generated here
/// rather than committed. See docs/security.md.
@Suite struct HostileInputFixtureTests {
  static let directory = PackageRoot.path("Tests/SchemaTests/Fixtures/hostile")
  static var names: [String] { get throws { try Fixtures.names(in: directory) } }
  /// Generous: a hostile input must fail fast, not merely eventually.
  static let timeBound: Duration = .seconds(5)

  /// Parse as one document, then decode as v2 (`schema:` present) or v1.
  static func read(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) -> (
    recipe: Any?, diagnostics: [Diagnostic]
  ) {
    let doc: YAMLDocument
    do {
      doc = try YAML.parse(bytes, limits: limits)
    } catch {
      return (nil, [error.diagnostic(file: file)])
    }
    if doc.root["schema"] != nil {
      let (r, d) = RecipeV2.decode(doc, file: file)
      return (r, d)
    }
    let (r, d) = RecipeV1.decode(doc, file: file)
    return (r, d)
  }

  static func timed<T>(
    _ body: () throws -> T, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) rethrows -> T {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    #expect(elapsed < timeBound, "took \(elapsed)", sourceLocation: sourceLocation)
    return result
  }

  static func v2(_ name: String) throws -> RecipeV2 {
    let (recipe, diagnostics) = read(try Fixtures.bytes(directory + "/" + name), file: name)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    return try #require(recipe as? RecipeV2)
  }

  @Test func thereIsAFixtureForEachKindOfHostileInput() throws {
    #expect(try Self.names.count >= 20)
  }

  @Test("hostile fixtures give exactly the expected diagnostics, fast", arguments: try names)
  func expectedDiagnostics(_ name: String) throws {
    let path = Self.directory + "/" + name
    let sidecar = String(path.dropLast(".yaml".count)) + ".expected"
    let expected = try ExpectedDiagnostics.parse(try Fixtures.text(sidecar))
    let (_, diagnostics): (Any?, [Diagnostic]) = try Self.timed {
      Self.read(try Fixtures.bytes(path), file: name)
    }
    let shown = diagnostics.map { "\($0) [\($0.code) \($0.path)] hint: \($0.hint ?? "-")" }.joined(
      separator: "\n")
    #expect(diagnostics.count == expected.count, "got:\n\(shown)")
    for e in expected {
      #expect(diagnostics.contains { e.matches($0) }, "missing \(e); got:\n\(shown)")
    }
    // Diagnostics never carry raw control characters back to a terminal.
    for d in diagnostics {
      let raw = d.message.unicodeScalars.contains { s in
        (s.value < 0x20 && s.value != 0x0A) || s.value == 0x7F
      }
      #expect(!raw, "\(d.message.debugDescription)")
    }
  }

  // MARK: - Documented readings (empty sidecars)

  @Test func byteOrderMarkIsSkipped() throws {
    let r = try Self.v2("utf8-bom.yaml")
    #expect(r.name == "bom-recipe")
  }

  @Test func crlfReadsLikeLFWithTheSameLineNumbers() throws {
    let (_, diagnostics) = Self.read(
      try Fixtures.bytes(Self.directory + "/crlf.yaml"), file: "crlf.yaml")
    // The unknown key sits on line 11 of the file; CRLF must not double-count lines.
    let d = try #require(diagnostics.first)
    #expect(d.location?.line == 11 && d.location?.column == 1)
    let doc = try YAML.parse(try Fixtures.bytes(Self.directory + "/crlf.yaml"))
    #expect(doc.root["name"]?.scalar == "crlf-recipe")
  }

  @Test func yaml11BooleansAreStringsWhereAStringIsMeant() throws {
    let r = try Self.v2("yaml11-booleans.yaml")
    // YAML 1.2 core schema: only true/false are booleans; `no` (Norway) stays "no".
    #expect(r.labels == ["no", "yes", "on", "off", "y", "n"])
    let env = Dictionary(r.env.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    #expect(env["COUNTRY"] == "no")
    #expect(env["ENABLE"] == "on")
    #expect(env["REAL"] == "true")
  }

  @Test func octalLookingNumbersAreDecimal() throws {
    let r = try Self.v2("octal-looking.yaml")
    // YAML 1.2: `010` is ten and `0755` is 755 (only `0o755` is octal).
    #expect(r.serving.tensorParallelSize == 10)
    #expect(r.serving.contextLength == 755)
  }

  // MARK: - Generated (too big to commit)

  /// `schema: v2` then `levels` lines `k:`, each indented one more space than the last.
  static func blockNesting(levels: Int) -> [UInt8] {
    let head = Array("schema: v2\n".utf8)
    // Built by index: appending 50 MB element by element is slow in debug builds.
    var bytes = [UInt8](repeating: 0x20, count: head.count + levels * 3 + levels * (levels - 1) / 2)
    bytes.replaceSubrange(0..<head.count, with: head)
    var at = head.count
    for depth in 0..<levels {
      at += depth
      bytes[at] = UInt8(ascii: "k")
      bytes[at + 1] = UInt8(ascii: ":")
      bytes[at + 2] = UInt8(ascii: "\n")
      at += 3
    }
    return bytes
  }

  @Test func tenThousandDeepBlockNestingIsBoundedBySizeThenDepth() throws {
    // 10k block levels need ~50 MB of indentation: over the document limit, rejected unread.
    let deep = Self.blockNesting(levels: 10_000)
    #expect(deep.count > YAMLLimits.default.maxDocumentBytes)
    let (_, diagnostics): (Any?, [Diagnostic]) = Self.timed { Self.read(deep, file: "deep.yaml") }
    #expect(diagnostics.map { $0.code } == ["size-limit"])
    // 1k levels fit in the size limit and stop at the depth limit (200). Line 1 and the `k`
    // of line 2 are in the root mapping (level 1); the mapping that starts on line n is level
    // n - 1, so level 201 starts on line 202.
    let (_, d2): (Any?, [Diagnostic]) = Self.timed {
      Self.read(Self.blockNesting(levels: 1_000), file: "deep.yaml")
    }
    #expect(d2.map { $0.code } == ["depth-limit"])
    #expect(d2.first?.location?.line == YAMLLimits.default.maxDepth + 2)
  }

  @Test func tenThousandDeepFlowNestingHitsTheDepthLimit() throws {
    let text =
      "schema: v2\nname: " + String(repeating: "{a: [", count: 5_000)
      + String(repeating: "]}", count: 5_000) + "\n"
    let (_, diagnostics): (Any?, [Diagnostic]) = Self.timed {
      Self.read(Array(text.utf8), file: "deep-flow.yaml")
    }
    #expect(diagnostics.map { $0.code } == ["depth-limit"])
    #expect(diagnostics.first?.location?.line == 2)
  }

  @Test func hundredMegabyteScalarIsRejectedBeforeParsing() throws {
    let head = Array("schema: v2\nname: ".utf8)
    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: head.count + (100 << 20) + 1)
    bytes.replaceSubrange(0..<head.count, with: head)
    bytes[bytes.count - 1] = UInt8(ascii: "\n")
    let (_, diagnostics): (Any?, [Diagnostic]) = Self.timed { Self.read(bytes, file: "big.yaml") }
    #expect(diagnostics.map { $0.code } == ["size-limit"])
    #expect(diagnostics.first?.location?.line == 1)
  }

  @Test func largeScalarUnderTheLimitIsReadOnceAndNamedUnsafe() throws {
    // A 4 MB name: within the document limit, so it parses (linearly: the parser once took
    // ~10 s for 8 MB in debug, allocating per byte); the name check bounds the message.
    let big = String(repeating: "x", count: 4 << 20)
    let text =
      "schema: v2\nname: \(big)\nmodel:\n  path: m\nengine:\n  name: vllm\ntopology:\n  aggregated:\n    nodes: 1\n"
    let (_, diagnostics): (Any?, [Diagnostic]) = Self.timed {
      Self.read(Array(text.utf8), file: "long-name.yaml")
    }
    let d = try #require(diagnostics.first { $0.code == "unsafe-name" })
    #expect(d.message.count < 300)
  }

  @Test func manySmallAliasesStayWithinTheBudget() throws {
    // 20k aliases of one scalar: linear, under the expansion budget of 50k nodes.
    var text = "schema: v2\nname: x\nbase: &b v\nlist:\n"
    for _ in 0..<20_000 { text += "  - *b\n" }
    let (_, diagnostics): (Any?, [Diagnostic]) = Self.timed {
      Self.read(Array(text.utf8), file: "aliases.yaml")
    }
    #expect(!diagnostics.contains { $0.code == "alias-budget" })
  }

  @Test func nameRules() {
    for safe in [
      "deepseek-r1-fp8-gb200-disagg", "a", "v0.5.5.post2", "OpenAI GPT-OSS 120B", "ünïcode",
    ] {
      #expect(RecipeName.isSafe(safe), "\(safe)")
    }
    for unsafe in [
      "", ".", "..", "a..b", "../x", "a@b", "a/b", "a\\b", "a\nb", "a\rb", "a\tb", "a\u{0}b",
      "a\u{1B}[31m", "a\u{85}b",
      ".hidden", "-rf", " lead", "trail ", String(repeating: "x", count: RecipeName.maxBytes + 1),
    ] {
      #expect(!RecipeName.isSafe(unsafe), "\(unsafe.debugDescription)")
    }
    #expect(RecipeName.debugQuoted("a\nb\u{1B}") == "'a\\u{000A}b\\u{001B}'")
  }
}
