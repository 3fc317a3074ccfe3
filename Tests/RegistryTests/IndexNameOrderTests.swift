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

  // MARK: - A base file with a delta

  static func recipe(_ path: String, _ name: String, _ k: Int) throws -> IndexedRecipe {
    let blob = try #require(ObjectID(hex: String(repeating: "1", count: 32) + hex8(k)))
    return IndexedRecipe(path: path, blobID: blob, summary: RecipeSummary(name: name, format: "v2"))
  }

  /// Base names: duplicates, one name in two spellings that `String` finds equal ("é" as one
  /// scalar and as "e" and a combining accent), non-ASCII, empty.
  static let baseNames = [
    "m-recipe", "b-recipe", "\u{e9}t\u{e9}", "a", "", "m-recipe", "e\u{301}t\u{e9}", "z-last",
    "b-recipe", "\u{e9}a", "c", "m-recipe", "x", "e-recipe", "\u{e9}t\u{e9}",
  ]

  /// `baseNames` in a base file (paths in path order), then a delta that removes some records
  /// (one of each duplicate group among them) and adds records between, before and after them
  /// whose names repeat, precede and follow the base's.
  static func baseWithDelta() throws -> (base: IndexSnapshot, view: IndexSnapshot) {
    func path(_ i: Int, _ suffix: String = "") -> String {
      "recipes/" + String(hex8(i).suffix(4)) + suffix + ".yaml"
    }
    var writer = IndexWriter()
    for (i, name) in baseNames.enumerated() { writer.add(try recipe(path(i), name, i)) }
    let tree = try #require(ObjectID(hex: String(repeating: "a", count: 40)))
    let base = try IndexSnapshot(bytes: writer.bytes(tree: tree))
    let added = [
      try recipe(path(0, "-before"), "m-recipe", 100), try recipe(path(2, "x"), "0-first", 101),
      try recipe(path(5, "x"), "e\u{301}t\u{e9}", 102), try recipe(path(5, "y"), "b-recipe", 103),
      try recipe(path(9, "x"), "\u{e9}t\u{e9}", 104), try recipe(path(20), "zz-after", 105),
      try recipe(path(20, "x"), "", 106), try recipe(path(21), "c", 107),
    ]
    let update = IndexUpdate(view: base, dropping: [0, 6, 8, 10], added: added)
    guard case .delta(let deltaWriter, let file, let removed, let positions)? = update.output()
    else {
      Issue.record("a small change is written as a delta")
      throw IndexError.truncated
    }
    var bytes: [UInt8] = []
    let newTree = try #require(ObjectID(hex: String(repeating: "b", count: 40)))
    _ = deltaWriter.writeDelta(tree: newTree, base: file, removed: removed, positions: positions) {
      bytes.append(contentsOf: $0)
      return true
    }
    let delta = try IndexDelta(storage: IndexStorage(copying: bytes))
    return (base, try IndexSnapshot(base: base, delta: delta))
  }

  /// The records whose name has exactly `name`'s bytes, by decoding every record.
  static func scan(_ s: IndexSnapshot, _ name: String) -> [Int] {
    (0..<s.count).filter { Array(s.name($0).utf8) == Array(name.utf8) }
  }

  @Test("a delta's records merge into the base's name order and name lookup, as a full scan")
  func deltaNamesSortAndLookUpAsAFullScan() throws {
    let (base, view) = try Self.baseWithDelta()
    #expect(view.count == Self.baseNames.count - 4 + 8)
    #expect(view.table?.deltaRecords.count == 8)
    for s in [base, view] {
      let records = Array(0..<s.count)
      for limit in [nil, 0, 1, 2, 3, 5, 8, 13, 18, 19, 100] {
        #expect(
          s.sortedByName(records, limit: limit) == Self.expected(s, records, limit: limit),
          "\(s.count) records, limit \(String(describing: limit))")
      }
      let subset = records.filter { $0 % 3 != 1 }.reversed().map { $0 }
      for limit in [nil, 1, 4] {
        #expect(s.sortedByName(subset, limit: limit) == Self.expected(s, subset, limit: limit))
      }
      for name in Set(Self.baseNames + ["0-first", "zz-after", "missing", "m-recip", "\u{e9}"]) {
        #expect(s.records(named: name) == Self.scan(s, name), "\(s.count) records: \(name)")
      }
    }
    // Duplicates across base and delta; the two spellings stay apart.
    #expect(view.records(named: "m-recipe").count == 3)
    #expect(view.records(named: "\u{e9}t\u{e9}").count == 3)
    #expect(view.records(named: "e\u{301}t\u{e9}").count == 1)
  }

  @Test("a file written over a base (a compaction) has the name order and ranks of a new one")
  func compactionKeepsTheNameOrder() throws {
    let (base, view) = try Self.baseWithDelta()
    // The view's records: the base's copied (their names already in order), the delta's added.
    var over = IndexWriter(base: base, dictionary: view.dictionary)
    var fresh = IndexWriter()
    for i in 0..<view.count {
      if let b = view.baseRecord(i) { over.keep(b) } else { over.add(view.recipe(i)) }
      fresh.add(view.recipe(i))
    }
    let tree = try #require(ObjectID(hex: String(repeating: "c", count: 40)))
    let compacted = try IndexSnapshot(bytes: over.bytes(tree: tree))
    let new = try IndexSnapshot(bytes: fresh.bytes(tree: tree))
    #expect(compacted.all == new.all)
    let records = Array(0..<new.count)
    #expect(records.map(compacted.nameOrder) == records.map(new.nameOrder))
    #expect(records.map(compacted.nameRank) == records.map(new.nameRank))
    #expect(compacted.sortedByName(records) == Self.expected(new, records, limit: nil))
    #expect(Set(records.map(new.nameRank)).count == Set(records.map(new.name)).count)
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
