import Schema
import Testing

@testable import Registry

/// `sortedByName` (search's default order, top k for `--limit`) and `records(named:)` (show's
/// lookup) work on the index bytes; they must agree with sorting and comparing decoded names.
@Suite struct IndexNameOrderTests {
  static func snapshot(_ names: [String]) throws -> IndexSnapshot {
    var writer = IndexWriter()
    for (i, name) in names.enumerated() {
      let blob = try #require(ObjectID(hex: String(repeating: "0", count: 32) + hex8(i)))
      writer.add(
        IndexedRecipe(
          path: "recipes/\(i).yaml", blobID: blob, summary: RecipeSummary(name: name, format: "v2")
        ))
    }
    let tree = try #require(ObjectID(hex: String(repeating: "a", count: 40)))
    return try IndexSnapshot(bytes: writer.bytes(tree: tree))
  }

  static func hex8(_ i: Int) -> String {
    let s = String(i, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }

  /// Decoded names, sorted as `String`s, equal names in the order given.
  static func expected(_ s: IndexSnapshot, _ records: [Int], limit: Int?) -> [Int] {
    let sorted = records.enumerated().sorted { a, b in
      (s.name(a.element), a.offset) < (s.name(b.element), b.offset)
    }.map(\.element)
    return Array(sorted.prefix(max(0, limit ?? sorted.count)))
  }

  static let ascii = [
    "b-recipe", "a-recipe", "a", "", "b-recipe", "A-upper", "a-recipe-longer", "zeta", "a-recipf",
    "b", "a-recipe", "Zed", "0-digit",
  ]

  @Test("ASCII names: the order of decoded names, duplicates in record order, for every limit")
  func asciiNamesSortAsStrings() throws {
    let s = try Self.snapshot(Self.ascii)
    let records = Array(0..<s.count)
    for limit in [nil, 0, 1, 2, 3, 5, 12, 13, 100, -1] {
      #expect(
        s.sortedByName(records, limit: limit) == Self.expected(s, records, limit: limit),
        "limit \(String(describing: limit))")
    }
    // A subset, out of order (as a filtered search gives them, but any order must work).
    let subset = [9, 1, 4, 0, 10, 2]
    for limit in [nil, 1, 3] {
      #expect(s.sortedByName(subset, limit: limit) == Self.expected(s, subset, limit: limit))
    }
  }

  @Test("top k over many records equals the first k of the full order")
  func topKOverManyRecords() throws {
    var names: [String] = []
    var x: UInt64 = 12345
    for _ in 0..<600 {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      names.append("recipe-\(x >> 54)-\(x >> 60)")
    }
    let s = try Self.snapshot(names)
    let records = Array(0..<s.count)
    for limit in [1, 7, 20, 74, 76, 599, 600] {
      #expect(s.sortedByName(records, limit: limit) == Self.expected(s, records, limit: limit))
    }
  }

  @Test("a non-ASCII name makes them compare as Strings (canonically equal spellings)")
  func nonASCIINamesSortAsStrings() throws {
    // "e\u{301}x" is "éx" for String, so it sorts after "éa" (U+00E9); by bytes it sorts
    // first (0x65 < 0xC3).
    let names = ["e\u{301}x", "\u{e9}a", "ad", "ac", "e-recipe"]
    let s = try Self.snapshot(names)
    let records = Array(0..<s.count)
    let sorted = s.sortedByName(records)
    #expect(sorted == Self.expected(s, records, limit: nil))
    #expect(sorted.firstIndex(of: 1)! < sorted.firstIndex(of: 0)!)
    #expect(s.sortedByName(records, limit: 2) == Self.expected(s, records, limit: 2))
    #expect(s.sortedByName([0, 1], limit: 1) == [1])
  }

  @Test("records(named:) finds exact names only")
  func recordsNamed() throws {
    let s = try Self.snapshot(Self.ascii)
    #expect(s.records(named: "a-recipe") == [1, 10])
    #expect(s.records(named: "a") == [2])
    #expect(s.records(named: "") == [3])
    #expect(s.records(named: "a-recip").isEmpty)
    #expect(s.records(named: "zeta") == [7])
    #expect(s.records(named: "Zeta").isEmpty)
  }
}
