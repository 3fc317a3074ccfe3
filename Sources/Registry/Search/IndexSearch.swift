internal import Engines
import Migrate
import Schema

extension IndexSnapshot {
  /// The records matching `query`, as record indices in index order.
  public func search(_ query: SearchQuery) -> [Int] {
    let matcher = SearchMatcher(query, dictionary: dictionary)
    var out: [Int] = []
    forEachRecord { i, r in
      if matcher.matches(r, in: self) { out.append(i) }
    }
    return out
  }

  /// The first `limit` records matching `query` in name order, as
  /// `sortedByName(search(query), limit: limit)` gives them, found by walking the file's name
  /// order: for a small limit and a common filter a few hundred records are read, not all.
  ///
  /// Nil when the walk does not apply (a delta over the base: its records are not in the
  /// file's name order) or gives up because matches are rare (after `baseCount / 16` records,
  /// read out of file order; the full scan is then cheaper).
  public func firstByName(matching query: SearchQuery, limit: Int) -> [Int]? {
    guard table == nil else { return nil }
    let wanted = max(0, limit)
    let matcher = SearchMatcher(query, dictionary: dictionary)
    var out: [Int] = []
    let visits = min(baseCount, max(wanted * 64, baseCount / 16))
    var k = 0
    while out.count < wanted && k < baseCount {
      guard k < visits else { return nil }
      let b = nameOrder(k)
      let at = recordsStart + b * IndexFormat.recordSize
      checked(at..<(at + IndexFormat.recordSize))
      if matcher.matches(raw.baseAddress! + at, in: self) { out.append(b) }
      k += 1
    }
    return out
  }

  /// ASCII case-insensitive substring test on raw bytes (`needle` already lower-cased).
  static func containsFolded(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
    let n = needle.count
    guard n > 0 else { return true }
    guard hay.count >= n else { return false }
    for start in 0...(hay.count - n) {
      var k = 0
      while k < n, ASCII.lower(hay[start + k]) == needle[k] { k += 1 }
      if k == n { return true }
    }
    return false
  }
}
