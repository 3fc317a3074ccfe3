import Schema
import Testing

@testable import Registry

/// `firstByName` (`search --limit N`) walks the index's name order; it must give exactly what
/// sorting every match gives, and step aside when it cannot.
@Suite struct FirstByNameTests {
  static let gpus: [String?] = ["gb200", "h100", nil, "GB200", "b200"]

  /// `count` records: names with duplicates (and non-ASCII ones), GPUs in turn, some
  /// deprecated, some invalid.
  static func snapshot(count: Int, gpu: (Int) -> String? = { gpus[$0 % gpus.count] }) throws
    -> IndexSnapshot
  {
    var writer = IndexWriter()
    var x: UInt64 = 99
    for i in 0..<count {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let name = i % 11 == 0 ? "\u{e9}-\(x >> 61)" : "recipe-\(x >> 58)"
      let blob = try #require(
        ObjectID(hex: String(repeating: "0", count: 32) + IndexNameOrderTests.hex8(i)))
      let summary = RecipeSummary(
        name: name, gpuType: gpu(i), format: "v2", status: i % 7 == 0 ? "deprecated" : nil)
      let errors =
        i % 13 == 0 ? [Diagnostic(.error, code: "x", "broken")] : [Diagnostic]()
      writer.add(
        IndexedRecipe(
          path: "recipes/\(i).yaml", blobID: blob, summary: summary, diagnostics: errors))
    }
    let tree = try #require(ObjectID(hex: String(repeating: "b", count: 40)))
    return try IndexSnapshot(bytes: writer.bytes(tree: tree))
  }

  static func query(gpus: [String] = [], text: String? = nil, invalid: Bool = false)
    -> SearchQuery
  {
    var q = SearchQuery()
    q.gpus = gpus
    q.text = text
    q.includeInvalid = invalid
    return q
  }

  @Test(
    "the walk gives the first matches of the full sort, duplicates in record order",
    arguments: [
      query(), query(gpus: ["gb200"]), query(gpus: ["h100", "b200"], invalid: true),
      query(text: "\u{e9}"), query(text: "recipe-1", invalid: true),
    ])
  func walkEqualsSortingEveryMatch(_ q: SearchQuery) throws {
    let s = try Self.snapshot(count: 400)
    var answered = 0
    for limit in [0, 1, 2, 5, 20, 64, 399, 1000] {
      // Nil: given up (the matches lie beyond what it may read); the caller sorts them all.
      guard let walked = s.firstByName(matching: q, limit: limit) else { continue }
      #expect(walked == s.sortedByName(s.search(q), limit: limit), "limit \(limit)")
      answered += 1
    }
    // With a limit of the file's size it reads every record if it must: never gives up.
    #expect(answered >= 2)
  }

  @Test("rare matches: it gives up (nil) rather than read the file out of order")
  func rareMatchesGiveUp() throws {
    // One H100 recipe among 4000, far along the name order or not: the walk reads at most
    // max(64 × limit, count / 16) records.
    let s = try Self.snapshot(count: 4000) { $0 == 3999 ? "h100" : "gb200" }
    let q = Self.query(gpus: ["h100"])
    let full = s.sortedByName(s.search(q), limit: 1)
    #expect(full.count == 1)
    if let walked = s.firstByName(matching: q, limit: 1) {
      #expect(walked == full)
    } else {
      // Given up: the match lies beyond the records it may read.
      let position = try #require((0..<s.count).firstIndex { s.nameOrder($0) == full[0] })
      #expect(position >= 250)
    }
    // A common filter is answered by the walk.
    #expect(s.firstByName(matching: Self.query(gpus: ["gb200"]), limit: 20) != nil)
  }

  @Test("over a delta: the delta's matches merge in, removed base records leave, as a full sort")
  func walkOverADeltaEqualsSortingEveryMatch() throws {
    let (_, view) = try IndexNameOrderTests.baseWithDelta()
    #expect(view.table != nil)
    for q in [Self.query(), Self.query(text: "recipe"), Self.query(text: "\u{e9}")] {
      for limit in [0, 1, 2, 3, 5, 8, 13, 19, 100] {
        guard let walked = view.firstByName(matching: q, limit: limit) else { continue }
        #expect(
          walked == view.sortedByName(view.search(q), limit: limit),
          "\(q.text ?? "-") limit \(limit)")
      }
      // With a limit of every record it never gives up.
      #expect(view.firstByName(matching: q, limit: view.count) != nil)
    }
  }
}
