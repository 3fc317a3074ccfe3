#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IndexSnapshot {
  /// `records` ordered by name as `String` orders them, equal names in the order given; at
  /// most `limit` of them (the first ones of that order, found without sorting the rest).
  ///
  /// Names are not read for the base file's records: the file holds each record's rank in
  /// that order, so they sort as integers. The delta's records (few) are sorted by their
  /// decoded names and merged in.
  public func sortedByName(_ records: [Int], limit: Int? = nil) -> [Int] {
    let k = max(0, min(limit ?? records.count, records.count))
    guard k > 0 else { return [] }
    // Rank and position in `records`, in one integer: ties go by position, the stable order.
    var keys: [UInt64] = []
    keys.reserveCapacity(records.count)
    var added: [Int] = []
    for (p, i) in records.enumerated() {
      if let b = baseRecord(i) {
        keys.append(UInt64(nameRank(b)) << 32 | UInt64(p))
      } else {
        added.append(p)
      }
    }
    let ranked = Self.smallest(keys, k).map { Int($0 & 0xFFFF_FFFF) }
    guard !added.isEmpty else { return ranked.map { records[$0] } }
    let names = added.map { name(records[$0]) }
    let sorted = added.indices.sorted { (names[$0], added[$0]) < (names[$1], added[$1]) }
    // Merge the two orders (both by name, then position) until k are out.
    var out: [Int] = []
    out.reserveCapacity(k)
    var a = 0
    var d = 0
    while out.count < k {
      let takeRanked: Bool
      if a == ranked.count {
        takeRanked = false
      } else if d == sorted.count {
        takeRanked = true
      } else {
        let x = name(records[ranked[a]])
        let y = names[sorted[d]]
        takeRanked = x == y ? ranked[a] < added[sorted[d]] : x < y
      }
      if takeRanked {
        out.append(records[ranked[a]])
        a += 1
      } else {
        out.append(records[added[sorted[d]]])
        d += 1
      }
    }
    return out
  }

  /// The `k` smallest of `keys`, ascending.
  static func smallest(_ keys: [UInt64], _ k: Int) -> [UInt64] {
    let k = min(k, keys.count)
    if k >= keys.count / 8 { return Array(keys.sorted().prefix(k)) }
    // A sorted buffer of the best k so far; most keys lose to its last.
    var best: [UInt64] = []
    best.reserveCapacity(k + 1)
    for key in keys {
      if best.count == k {
        guard key < best[k - 1] else { continue }
        best.removeLast()
      }
      var lo = 0
      var hi = best.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if best[mid] < key { lo = mid + 1 } else { hi = mid }
      }
      best.insert(key, at: lo)
    }
    return best
  }

  /// The records named exactly `name` (byte for byte), in index order: a binary search of the
  /// base file's name order, and a look at each of the delta's records.
  public func records(named name: String) -> [Int] {
    var wanted = name
    return wanted.withUTF8 { w in
      let bytes = UnsafeRawBufferPointer(w)
      func same(_ span: UnsafeRawBufferPointer) -> Bool {
        span.count == bytes.count
          && (bytes.isEmpty || memcmp(span.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
      }
      // The first name of the order that `name` does not follow; then the names equal to it.
      var lo = 0
      var hi = baseCount
      while lo < hi {
        let mid = (lo + hi) / 2
        if String(decoding: baseNameSpan(nameOrder(mid)), as: UTF8.self) < name {
          lo = mid + 1
        } else {
          hi = mid
        }
      }
      var hits: [Int] = []
      while lo < baseCount {
        let b = nameOrder(lo)
        let span = baseNameSpan(b)
        if !same(span) {
          guard String(decoding: span, as: UTF8.self) == name else { break }
        } else if let i = table.map({ $0.viewRecord(ofBase: b) }) ?? b {
          hits.append(i)
        }
        lo += 1
      }
      for i in table?.deltaRecords ?? [] where same(nameSpan(i)) { hits.append(i) }
      return hits.sorted()
    }
  }

  /// The base record at position `k` of the name order.
  func nameOrder(_ k: Int) -> Int {
    let at = nameOrderStart + k * 4
    checked(at..<(at + 4))
    let b = Int(u32(at))
    guard b < baseCount else {
      IndexCorruption.stop(path: storage.path, malformed: "name order entry \(k) is no record")
    }
    return b
  }

  /// The rank of base record `b`'s name in the name order.
  func nameRank(_ b: Int) -> UInt32 {
    let at = nameRanksStart + b * 4
    checked(at..<(at + 4))
    return u32(at)
  }

  /// The bytes of base record `b`'s name.
  func baseNameSpan(_ b: Int) -> UnsafeRawBufferPointer {
    let at = recordsStart + b * IndexFormat.recordSize + IndexFormat.nameOffset
    checked(at..<(at + 4))
    return uniqueSpan(u32(at)) ?? UnsafeRawBufferPointer(start: nil, count: 0)
  }

  /// The bytes of record `i`'s name (empty when it has none).
  private func nameSpan(_ i: Int) -> UnsafeRawBufferPointer {
    uniqueSpan(nameID(i)) ?? UnsafeRawBufferPointer(start: nil, count: 0)
  }
}
