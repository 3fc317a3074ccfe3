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
  /// `sortedByName(search(query), limit: limit)` gives them, found by walking the base file's
  /// name order (a delta's few records, sorted by name, merged in): for a small limit and a
  /// common filter a few hundred records are read, not all.
  ///
  /// Nil when the walk gives up because matches are rare (after `baseCount / 16` records of
  /// the base, read out of file order, or 64 per wanted record if more): the full scan is then
  /// cheaper.
  public func firstByName(matching query: SearchQuery, limit: Int) -> [Int]? {
    let wanted = max(0, limit)
    let matcher = SearchMatcher(query, dictionary: dictionary)
    // The delta's matching records (checked whole when the delta was opened), by name, then
    // by record number: the order `sortedByName` gives equal names.
    let added = (table?.deltaRecords ?? []).filter { matcher.matches(record($0), in: self) }
    let addedNames = added.map(name)
    let addedOrder = added.indices.sorted {
      (addedNames[$0], added[$0]) < (addedNames[$1], added[$1])
    }
    var nextAdded = 0
    var out: [Int] = []
    out.reserveCapacity(wanted)
    /// Moves the delta's records that sort before (`name`, `i`) (all of them when nil) out.
    func emitAdded(before name: String?, _ i: Int) {
      while out.count < wanted, nextAdded < addedOrder.count {
        let a = addedOrder[nextAdded]
        if let name, (addedNames[a], added[a]) > (name, i) { return }
        out.append(added[a])
        nextAdded += 1
      }
    }
    let visits = min(baseCount, max(wanted * 64, baseCount / 16))
    var k = 0
    while out.count < wanted && k < baseCount {
      guard k < visits else { return nil }
      let b = nameOrder(k)
      k += 1
      let at = recordsStart + b * IndexFormat.recordSize
      checked(at..<(at + IndexFormat.recordSize))
      guard matcher.matches(raw.baseAddress! + at, in: self) else { continue }
      guard let table else {
        out.append(b)
        continue
      }
      // A record the delta removed is not in the view.
      guard let i = table.viewRecord(ofBase: b) else { continue }
      if nextAdded < addedOrder.count { emitAdded(before: name(i), i) }
      if out.count < wanted { out.append(i) }
    }
    emitAdded(before: nil, 0)
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
