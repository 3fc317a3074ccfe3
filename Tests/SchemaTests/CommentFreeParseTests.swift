import Foundation
import Schema
import TestSupport
import Testing

/// `YAML.parseStream(_:comments: false)` (what the index reads with) must give the trees of
/// the default parse, node for node with the same marks and styles, only without comments; and
/// the same error for a file that fails.
@Suite struct CommentFreeParseTests {
  @Test func sameTreesWithoutComments() throws {
    let sources = try Fixtures.allYAMLSources()
    #expect(
      sources.count > 50, "fixtures and corpus should give many files, found \(sources.count)")
    var commented = 0
    var failing = 0
    for (name, bytes) in sources {
      let full: Result<[YAMLDocument], YAMLError> = Result { () throws(YAMLError) in
        try YAML.parseStream(bytes)
      }
      let bare: Result<[YAMLDocument], YAMLError> = Result { () throws(YAMLError) in
        try YAML.parseStream(bytes, comments: false)
      }
      switch (full, bare) {
      case (.success(let a), .success(let b)):
        #expect(a.count == b.count, "\(name)")
        for (x, y) in zip(a, b) {
          #expect(y.trailingComments.isEmpty, "\(name)")
          #expect(x.explicitStart == y.explicitStart, "\(name)")
          var sawComment = !x.trailingComments.isEmpty
          Self.compare(x.root, y.root, file: name, sawComment: &sawComment)
          if sawComment { commented += 1 }
        }
      case (.failure(let a), .failure(let b)):
        failing += 1
        #expect(a == b, "\(name): \(a) vs \(b)")
      default:
        Issue.record("\(name): one parse failed and the other did not: \(full) vs \(bare)")
      }
    }
    // Both cases are exercised: documents with comments, and files that fail.
    #expect(commented > 10, "documents with comments: \(commented)")
    #expect(failing > 0, "failing files: \(failing)")
  }

  /// Node for node: same kind, text, style, tag and marks; no comments on the bare one.
  static func compare(_ a: YAMLNode, _ b: YAMLNode, file: String, sawComment: inout Bool) {
    if !a.comments.isEmpty { sawComment = true }
    #expect(b.comments.isEmpty, "\(file) \(b.start): a comment was kept")
    #expect(a.start == b.start && a.end == b.end, "\(file) \(a.start): marks differ")
    #expect(a.tag == b.tag, "\(file) \(a.start): tags differ")
    switch (a.kind, b.kind) {
    case (.scalar(let s, let st), .scalar(let t, let tt)):
      #expect(s == t && st == tt, "\(file) \(a.start): scalars differ")
    case (.mapping(let p, let ps), .mapping(let q, let qs)):
      #expect(p.count == q.count && ps == qs, "\(file) \(a.start): mappings differ")
      for (x, y) in zip(p, q) {
        compare(x.key, y.key, file: file, sawComment: &sawComment)
        compare(x.value, y.value, file: file, sawComment: &sawComment)
      }
    case (.sequence(let p, let ps), .sequence(let q, let qs)):
      #expect(p.count == q.count && ps == qs, "\(file) \(a.start): sequences differ")
      for (x, y) in zip(p, q) { compare(x, y, file: file, sawComment: &sawComment) }
    default:
      Issue.record("\(file) \(a.start): node kinds differ")
    }
  }
}
