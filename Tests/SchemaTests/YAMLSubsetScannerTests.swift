import Foundation
import SyntheticData
import TestSupport
import Testing

@testable import Schema

/// The subset scanner (which reads most recipes instead of libyaml) must give the very trees
/// libyaml gives — every node's kind, text, style, tag, marks and comments — and the same error
/// for every file that fails: over the fixtures, the shared corpus, the registry's recipes,
/// synthetic recipes, hand-picked edge cases and byte-level mutants of all of these.
@Suite struct YAMLSubsetScannerTests {
  /// Compares both parses of one source; returns whether the scanner read it.
  @discardableResult
  static func check(
    _ name: String, _ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Bool {
    if let problem = YAML.eventSourceDisagreement(bytes) {
      Issue.record("\(name): \(problem)", sourceLocation: sourceLocation)
    }
    return bytes.withUnsafeBufferPointer { YAMLSubsetScanner.events($0) != nil }
  }

  static func registryRecipes() throws -> [(name: String, bytes: [UInt8])] {
    let root = PackageRoot.path("registry")
    let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    return try files.map { ("registry/" + $0, try Fixtures.bytes(root + "/" + $0)) }
  }

  static func synthetic(count: Int) -> [(name: String, bytes: [UInt8])] {
    var gen = SyntheticRecipes(seed: 7)
    var out: [(name: String, bytes: [UInt8])] = []
    for i in 0..<count {
      let name = "synthetic-\(i)"
      let text = i % 2 == 0 ? gen.v1Recipe(name: name) : gen.v2Recipe(name: name)
      out.append((name, Array(text.utf8)))
    }
    return out
  }

  @Test func syntheticRecipesAreReadByTheScanner() {
    var read = 0
    let sources = Self.synthetic(count: 400)
    for (name, bytes) in sources where Self.check(name, bytes) { read += 1 }
    #expect(read == sources.count, "the scanner read \(read) of \(sources.count) synthetic recipes")
    // A broken one (as the synthetic registry has) goes to libyaml and fails the same way.
    let broken = sources[0].bytes + Array("broken: [unclosed\n".utf8)
    #expect(!Self.check("broken", broken))
  }

  @Test func registryFixturesAndCorpus() throws {
    let sources = try Self.registryRecipes() + Fixtures.allYAMLSources()
    #expect(sources.count > 100, "found \(sources.count) files")
    if let reason = Corpus.skipReason { print("corpus part skipped: \(reason)") }
    var read = 0
    for (name, bytes) in sources where Self.check(name, bytes) { read += 1 }
    #expect(read > 0, "the scanner read none of \(sources.count) files")
    print("subset scanner read \(read) of \(sources.count) registry, fixture and corpus files")
  }

  @Test(arguments: [
    "a: 1", "a:", "a:\n", "a: 1\n# c", "a: 1\n   ", "a: 1\n\n\n", "# only\na: 1\n# end\n",
    "a:\n  b: 1\n c: 2\n", "a:\n  b: 1\n    c: 2\n", "a: b\n  c\n", "a: b\n# c\n  d\n",
    "a: 'x''y'\n", "a: \"x\\ny\"\n", "a: \"x\ny\"\n", "a: [1, 2,]\n", "a: [1, [2]]\n",
    "a: {b: 1, c}\n",
    "a: {b:1}\n", "a: b: c\n", "a: b:\n", "a: b:c\n", "a: x #c\nb: y# d\n", "k: v   \n",
    "a:   # c\n  b: 1\n", "a: [ ]\n", "a: {}\n", "a: [ 1 , 'x' , \"y\" ]\n", "a: '' \n",
    "a: \"\"\n",
    "1: 2\n", "a: b\n---\nc: d\n", "---\na: 1\n", "a: 1\n...\n", "a: !!str 1\n", "a: &x 1\nb: *x\n",
    "a: |\n  x\n", "a: >\n  x\n", "  a: 1\n", "a: 1\nb: 2\na: 3\n", "a: 1\r\n", "\ta: 1\n",
    "a: 1\n\tb: 2\n", "a:\n- 1\n", "a:\n  - 1\n", "a: -\n", "a: - 1\n", "a: -1\nb: --x\nc: -.5\n",
    "a: ?x\n", "a: :x\n", "a: x\n b: y\n", "a:\n  b:\n    c:\n", "a:\n  b:\n    c: 1\nd: 2\n",
    "a: \"x\" y\n", "a: \"x\"#c\n", "a: [1]x\n", "a: [1] # c\n", "a: {b: \"c\", d: 'e'}\n",
    "a: [-1, +2, .5, -x]\n", "a: [a:b]\n", "a: [a, b]   \n", "a: \"x\n", "a: 'x\n", "a: [1, 2\n",
    "a: x\u{00e9}\n", "\u{feff}a: 1\n", "a: 1\n\u{0}", "", " ", "\n", "# c\n", "a\n", "a b: 1\n",
    "a : 1\n", "\"a\": 1\n", "a.b/c-d_e: 1\n", "-a: 1\n", "a: @x\n", "a: `x\n", "a: %x\n",
    "a: x\n\nb: y\n", "a:\n\n  b: 1\n", "a:\n  # c\n  b: 1\n", "a: 1 \n  # c\nb: 2\n",
    "a: [1, 2] \nb: {c: d}\n", "a:\n  b: 1\n  b: 2\n", "a: 0x1F\nb: 0o17\nc: 1e3\nd: .inf\ne: ~\n",
  ])
  func edgeCases(_ text: String) {
    Self.check(text.debugDescription, Array(text.utf8))
  }

  /// Byte-level mutants (inserted, deleted and replaced YAML-significant bytes) of synthetic
  /// recipes and of every registry recipe: whatever the scanner reads, libyaml must read the
  /// same; whatever libyaml rejects, the scanner must leave to it.
  @Test func mutants() throws {
    let alphabet = Array(" \n:-#\"'[]{},a1\t&*!|>?.\\".utf8)
    var rng = SyntheticRecipes(seed: 99)
    var read = 0
    var total = 0
    let sources = try Self.synthetic(count: 60) + Self.registryRecipes()
    for (name, original) in sources where !original.isEmpty {
      for m in 0..<25 {
        var bytes = original
        for _ in 0..<(1 + Int(rng.next() % 3)) {
          let at = Int(rng.next() % UInt64(bytes.count))
          let c = alphabet[Int(rng.next() % UInt64(alphabet.count))]
          switch rng.next() % 3 {
          case 0: bytes.insert(c, at: at)
          case 1: bytes.remove(at: at)
          default: bytes[at] = c
          }
          if bytes.isEmpty { bytes = [c] }
        }
        total += 1
        if Self.check("\(name) mutant \(m)", bytes) { read += 1 }
      }
    }
    #expect(read > total / 4, "the scanner read \(read) of \(total) mutants")
  }

  /// Without comments the tree is built straight from the scanner's events; whatever that
  /// builder leaves to the general one (a duplicate key, nesting over the limit) must fail
  /// exactly as the general builder fails, at every depth limit around the document's depth.
  @Test func treeBuilderLeavesProblemsToTheGeneralBuilder() throws {
    let deep = Array("a:\n  b:\n    c:\n      d: 1\n".utf8)
    let duplicate = Array("a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n".utf8)
    let longDuplicate = Array("a_long_key_name: 1\na_long_key_other: 2\na_long_key_name: 3\n".utf8)
    for (name, bytes) in [
      ("deep", deep), ("duplicate", duplicate), ("long duplicate", longDuplicate),
    ] {
      #expect(
        bytes.withUnsafeBufferPointer { YAMLSubsetScanner.events($0) } != nil,
        "\(name) is in the subset")
      for depth in 1...6 {
        let limits = YAMLLimits(maxDepth: depth)
        let direct = Result { () throws(YAMLError) in
          try YAML.parseStream(bytes, limits: limits, comments: false)
        }
        let general = Result { () throws(YAMLError) in
          try YAML.parseStream(bytes, limits: limits, comments: true)
        }
        switch (direct, general) {
        case (.failure(let a), .failure(let b)):
          #expect(a == b, "\(name), depth \(depth)")
        case (.success(let a), .success(let b)):
          #expect(a.count == 1 && b.count == 1 && a[0].root == b[0].root, "\(name), depth \(depth)")
        default:
          Issue.record("\(name), depth \(depth): \(direct) against \(general)")
        }
      }
    }
    // The failures are the ones expected: over the limit, and a repeated key (short or long).
    #expect(throws: YAMLError.self) {
      try YAML.parseStream(deep, limits: YAMLLimits(maxDepth: 3), comments: false)
    }
    #expect((try? YAML.parseStream(deep, limits: YAMLLimits(maxDepth: 4), comments: false)) != nil)
    for bytes in [duplicate, longDuplicate] {
      let error = #expect(throws: YAMLError.self, "a repeated key was accepted") {
        try YAML.parseStream(bytes, comments: false)
      }
      #expect(error?.kind == .duplicateKey)
    }
  }
}
