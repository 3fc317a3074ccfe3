import Foundation
import Testing

@testable import Schema

/// parse → emit → parse gives an equal tree, and the emitter is stable, for every YAML file of
/// the shared corpus and every fixture of this package.
@Suite struct YAMLRoundTripTests {
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func yamlFiles(under dir: URL) -> [URL] {
    guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else {
      return []
    }
    return e.compactMap { $0 as? URL }
      .filter { ["yaml", "yml"].contains($0.pathExtension) }
      .sorted { $0.path < $1.path }
  }

  static var corpusFiles: [URL] {
    yamlFiles(under: packageRoot.appendingPathComponent("../shared/corpus").standardized)
  }

  static var ownFiles: [URL] {
    ["Tests", "spec", "registry"].flatMap {
      yamlFiles(under: packageRoot.appendingPathComponent($0))
    }
    .filter { !$0.path.contains("/invalid/") }
  }

  private func commentCount(_ node: YAMLNode) -> Int {
    var n = node.comments.before.count + (node.comments.trailing == nil ? 0 : 1)
    switch node.kind {
    case .scalar: break
    case .mapping(let pairs, _): for p in pairs { n += commentCount(p.key) + commentCount(p.value) }
    case .sequence(let items, _): for i in items { n += commentCount(i) }
    }
    return n
  }

  private func check(_ url: URL) throws {
    let bytes = try [UInt8](Data(contentsOf: url))
    let docs: [YAMLDocument]
    do {
      docs = try YAML.parseStream(bytes)
    } catch {
      // Malformed files must fail with a location; they are checked elsewhere.
      #expect(error.mark.line >= 1, "\(url.path): \(error)")
      return
    }
    let emitted = YAMLEmitter.emitStream(docs)
    let again = try YAML.parseStream(Array(emitted.utf8))
    #expect(again.count == docs.count, "\(url.lastPathComponent)")
    for (a, b) in zip(docs, again) {
      #expect(a.root == b.root, "\(url.path) changed in a round trip:\n\(emitted)")
      #expect(
        commentCount(a.root) + a.trailingComments.count == commentCount(b.root)
          + b.trailingComments.count,
        "\(url.path) lost comments")
    }
    #expect(YAMLEmitter.emitStream(again) == emitted, "\(url.path): emitter is not stable")
  }

  @Test(.requiresCorpus)
  func corpusFilesRoundTrip() throws {
    let files = Self.corpusFiles
    #expect(!files.isEmpty)
    for url in files { try check(url) }
  }

  @Test func ownFilesRoundTrip() throws {
    for url in Self.ownFiles { try check(url) }
  }

  @Test func hostileScalarsRoundTrip() throws {
    let values = [
      "plain", "1.0", "true", "null", "~", "", " leading", "trailing ", "a: b", "a #b", "#x",
      "- item", "[x]", "{y}", "'q'", "\"dq\"", "multi\nline\n", "no-newline\nend", "tab\there",
      "$(rm -rf /)", "`id`", "a;b", "*.yaml", "no", "on", "0755", "é—✓", "\u{7}bell", "--- ",
      "two\n\nblank\n\n", "  indented\nfirst", "x: |", "@at", "%pct", "!bang", "&amp",
      "back\\slash",
    ]
    var pairs: [YAMLPair] = []
    for (i, v) in values.enumerated() { pairs.append(YAMLPair("k\(i)", .string(v))) }
    pairs.append(YAMLPair("list", .sequence(values.map { .string($0) })))
    pairs.append(YAMLPair("flow", .sequence(values.map { .string($0) }, style: .flow)))
    let node = YAMLNode.mapping(pairs)
    let text = YAMLEmitter.emit(node)
    let back = try YAML.parse(text).root
    for (i, v) in values.enumerated() {
      #expect(
        back["k\(i)"]?.resolved == .string(v),
        "value \(v.debugDescription) came back as \(String(describing: back["k\(i)"]?.resolved))")
    }
    #expect(back == node)
  }

  /// Found by the `yaml` fuzzer (`Fixtures/regression/fuzz-yaml-*.yaml`, also read by
  /// `ownFilesRoundTrip`): the emitter dropped a key's tag, so `{! 1}` (the string "1") came
  /// back as the integer 1; and it wrote an empty plain key (null) as `""` (a string).
  @Test func taggedAndEmptyKeysKeepTheirType() throws {
    for src in [
      "{! 1}\n", "! 1: a\n", "!!str 2: b\n", "{!!str true: x}\n", "! \"\": e\n", "a: {! 3: y}\n",
      "? \n: x\n", "a:\n  &k : v\n", "!!str : s\n", "! : t\n",
    ] {
      let doc = try YAML.parse(src)
      let emitted = YAMLEmitter.emit(doc)
      let again = try YAML.parse(emitted)
      #expect(
        again.root == doc.root, "\(src.debugDescription) came back from \(emitted.debugDescription)"
      )
    }
    #expect(
      try YAML.parse(YAMLEmitter.emit(try YAML.parse("{! 1}"))).root.mapping?[0].key.resolved
        == .string("1"))
  }

  /// Found by the `yaml` fuzzer (`Fixtures/regression/fuzz-yaml-anchored-null-root.yaml`): a
  /// document whose root is an empty (null) scalar, e.g. only an anchor, was written as an
  /// empty line, which reads back as no document.
  @Test func nullRootStaysADocument() throws {
    for src in [" \n&1", "&a\n", "a: 1\n---\n&b\n"] {
      let docs = try YAML.parseStream(Array(src.utf8))
      let emitted = YAMLEmitter.emitStream(docs)
      let again = try YAML.parseStream(Array(emitted.utf8))
      #expect(
        again.count == docs.count,
        "\(src.debugDescription) came back from \(emitted.debugDescription)")
      #expect(zip(docs, again).allSatisfy { $0.root == $1.root })
    }
  }

  /// Found by the `yaml` fuzzer (`Fixtures/regression/fuzz-yaml-empty-flow-items.yaml`): an
  /// empty (null) item of a flow sequence, e.g. a re-anchored `&a,` or a tag with no content,
  /// was written as nothing (`[a, , b]`), which does not parse.
  @Test func emptyFlowItemsStayNodes() throws {
    for src in [
      "a: [x, &n , y]\n", "a: [&a , *a, *a]\n", "a: [!t , z]\n", "a: [!!str , z]\n",
      "a: [{k: }, [&e ]]\n",
    ] {
      let doc = try YAML.parse(src)
      let emitted = YAMLEmitter.emit(doc)
      let again = try YAML.parse(emitted)
      #expect(
        again.root == doc.root, "\(src.debugDescription) came back from \(emitted.debugDescription)"
      )
    }
  }

  /// Found by the `yaml` fuzzer (`Fixtures/regression/fuzz-yaml-flow-key-with-comma.yaml`): a
  /// plain key holding `, ` or a bracket (possible through an alias of a block value) was written
  /// plain inside a flow mapping, where those characters end the key.
  @Test func flowMappingKeysAreQuotedLikeFlowValues() throws {
    for src in [
      "a: &a x, y]\nb: {*a : 1}\n", "a: &a p{q}\nb: [{*a : 2}]\n", "a: &a m,n\nb: {*a : *a}\n",
    ] {
      let doc = try YAML.parse(src)
      let emitted = YAMLEmitter.emit(doc)
      let again = try YAML.parse(emitted)
      #expect(
        again.root == doc.root, "\(src.debugDescription) came back from \(emitted.debugDescription)"
      )
    }
  }

  @Test func commentsStayWithTheirKeys() throws {
    let src = """
      # header comment
      name: demo   # trailing on name
      resources:  # on the section
        # before gpu_type
        gpu_type: gb200
        nodes: 2 # two nodes
      list:
        # before first item
        - a  # after a
        - b
      # footer

      """
    let doc = try YAML.parse(src)
    #expect(doc.root.mapping?[0].key.comments.before == [" header comment"])
    #expect(doc.root["name"]?.comments.trailing == " trailing on name")
    #expect(doc.root.mapping?[1].key.comments.trailing == " on the section")
    #expect(doc.root["resources"]?.mapping?[0].key.comments.before == [" before gpu_type"])
    #expect(doc.root["resources"]?["nodes"]?.comments.trailing == " two nodes")
    #expect(doc.root["list"]?.sequence?[0].comments.before == [" before first item"])
    #expect(doc.root["list"]?.sequence?[0].comments.trailing == " after a")
    #expect(doc.trailingComments == [" footer"])
    let out = YAMLEmitter.emit(doc)
    for c in [
      "# header comment", "# trailing on name", "# on the section", "# before gpu_type",
      "# two nodes", "# before first item", "# after a", "# footer",
    ] {
      #expect(out.contains(c), "lost \(c)")
    }
  }
}
