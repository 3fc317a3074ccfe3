#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IndexSnapshot {
  /// `records` ordered by name as `String` orders them, equal names in the order given; at
  /// most `limit` of them (the first ones of that order, found without sorting the rest).
  ///
  /// Names are not decoded when they are all ASCII (the usual case): then byte order is
  /// `String`'s order and they compare in place in the index file. Otherwise they are decoded
  /// once each and compared as `String`s.
  public func sortedByName(_ records: [Int], limit: Int? = nil) -> [Int] {
    let k = max(0, min(limit ?? records.count, records.count))
    guard k > 0 else { return [] }
    // Each name's bytes, found (and their block checked) once, not at every comparison.
    let names = records.map(nameSpan)
    guard names.allSatisfy(Self.isASCII) else {
      let named = records.enumerated().map { (name: name($0.element), at: $0.offset) }
      let sorted = named.sorted { ($0.name, $0.at) < ($1.name, $1.at) }
      return sorted.prefix(k).map { records[$0.at] }
    }
    // Ties by position in `records`, so the order is the stable one.
    let less: (Int, Int) -> Bool = { a, b in
      let c = Self.compare(names[a], names[b])
      return c != 0 ? c < 0 : a < b
    }
    if k >= records.count / 8 {
      return Array(records.indices.sorted(by: less).prefix(k).map { records[$0] })
    }
    // Top k: a sorted buffer of the best k positions so far; most records lose to the last.
    var best: [Int] = []
    best.reserveCapacity(k + 1)
    for p in records.indices {
      if best.count == k {
        guard less(p, best[k - 1]) else { continue }
        best.removeLast()
      }
      var lo = 0
      var hi = best.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if less(best[mid], p) { lo = mid + 1 } else { hi = mid }
      }
      best.insert(p, at: lo)
    }
    return best.map { records[$0] }
  }

  /// The records named exactly `name` (byte for byte), in index order: a length check per
  /// record, and a memcmp when the lengths agree.
  public func records(named name: String) -> [Int] {
    var wanted = name
    return wanted.withUTF8 { w in
      var hits: [Int] = []
      for i in 0..<count {
        let id = nameID(i)
        guard let length = uniqueLength(id) else {
          if w.isEmpty { hits.append(i) }
          continue
        }
        guard length == w.count else { continue }
        if w.isEmpty || uniqueBytes(id, { memcmp($0.baseAddress!, w.baseAddress!, w.count) == 0 }) {
          hits.append(i)
        }
      }
      return hits
    }
  }

  /// Whether `bytes` are all ASCII.
  static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    // Eight bytes at a time, then the rest.
    var k = 0
    while k + 8 <= bytes.count {
      if bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      k += 8
    }
    while k < bytes.count {
      if bytes[k] >= 0x80 { return false }
      k += 1
    }
    return true
  }

  /// memcmp-style comparison of two names' bytes.
  static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
    let n = min(x.count, y.count)
    if n > 0 {
      let c = memcmp(x.baseAddress!, y.baseAddress!, n)
      if c != 0 { return Int(c) }
    }
    return x.count - y.count
  }

  /// The bytes of record `i`'s name (empty when it has none).
  private func nameSpan(_ i: Int) -> UnsafeRawBufferPointer {
    uniqueSpan(nameID(i)) ?? UnsafeRawBufferPointer(start: nil, count: 0)
  }
}
