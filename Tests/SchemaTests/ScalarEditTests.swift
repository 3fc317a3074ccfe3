import Testing

@testable import Schema

/// An in-place edit changes only the bytes of the edited scalar.
@Suite struct ScalarEditTests {
  static let source = """
    # Recipe pinned for the GB200 runs
    name: "deepseek-r1-fp8"   # keep in sync with the sweep
    sglang_version: v0.5.5.post2  # pinned 2025-11
    model:
      path: 'deepseek-ai/DeepSeek-R1'
      precision: fp8
    sglang_config:
      prefill:
        tensor-parallel-size: 4
        chunked-prefill-size: "8192"
    """

  private func edit(_ path: KeyPath, _ value: String) throws -> (before: [UInt8], after: [UInt8]) {
    let bytes = Array(Self.source.utf8)
    let doc = try YAML.parse(bytes)
    let out = try ScalarEdit.replace(at: path, with: value, in: bytes, root: doc.root)
    return (bytes, out)
  }

  /// The changed byte range: common prefix and suffix are identical.
  private func changedRange(_ a: [UInt8], _ b: [UInt8]) -> (prefix: Int, suffixA: Int, suffixB: Int)
  {
    var p = 0
    while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
    var s = 0
    while s < a.count - p, s < b.count - p, a[a.count - 1 - s] == b[b.count - 1 - s] { s += 1 }
    return (p, a.count - s, b.count - s)
  }

  @Test(arguments: [
    ("sglang_version", "v0.5.8", "v0.5.8"),
    ("name", "deepseek-r1-fp8-v2", "\"deepseek-r1-fp8-v2\""),
    ("model.path", "deepseek-ai/DeepSeek-R1-0528", "'deepseek-ai/DeepSeek-R1-0528'"),
    ("sglang_config.prefill.tensor-parallel-size", "8", "8"),
    ("sglang_config.prefill.chunked-prefill-size", "16384", "\"16384\""),
    ("model.precision", "true", "\"true\""),
  ])
  func onlyTheScalarChanges(path: String, value: String, written: String) throws {
    let (before, after) = try edit(KeyPath(parsing: path), value)
    let doc = try YAML.parse(before)
    let node = try #require(doc.root.value(at: KeyPath(parsing: path)))
    let r = changedRange(before, after)
    #expect(r.prefix >= node.start.offset)
    #expect(r.suffixA <= node.end.offset)
    let newText = String(
      decoding: after[node.start.offset..<(node.end.offset + after.count - before.count)],
      as: UTF8.self)
    #expect(newText == written)
    let reparsed = try YAML.parse(after)
    let newNode = try #require(reparsed.root.value(at: KeyPath(parsing: path)))
    #expect(newNode.scalar == value)
    // Everything else is untouched: comments survive byte for byte.
    let text = String(decoding: after, as: UTF8.self)
    #expect(text.contains("# keep in sync with the sweep"))
    #expect(text.contains("# pinned 2025-11"))
    #expect(text.hasPrefix("# Recipe pinned for the GB200 runs\n"))
  }

  @Test func editingAPlainStringThatWouldTurnNumericQuotesIt() throws {
    let (_, after) = try edit("sglang_version", "0.5")
    let doc = try YAML.parse(after)
    #expect(doc.root["sglang_version"]?.resolved == .string("0.5"))
  }

  @Test func missingAndNonScalarPathsAreTypedErrors() throws {
    let bytes = Array(Self.source.utf8)
    let doc = try YAML.parse(bytes)
    #expect(throws: ScalarEdit.Failure.notFound("model.revision")) {
      try ScalarEdit.replace(at: "model.revision", with: "x", in: bytes, root: doc.root)
    }
    #expect(throws: ScalarEdit.Failure.notAScalar("model", found: "mapping")) {
      try ScalarEdit.replace(at: "model", with: "x", in: bytes, root: doc.root)
    }
  }
}
