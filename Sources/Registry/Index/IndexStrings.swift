/// A string table of an index file: `count + 1` little-endian u32 offsets into the bytes that
/// follow them (string `k` is bytes `offsets[k]..<offsets[k+1]`).
enum IndexStrings {
  /// Whether the offsets never decrease (then every string lies inside the table's bytes,
  /// whose length is the last offset).
  static func nonDecreasing(count: Int, offsets: UnsafeRawPointer) -> Bool {
    var previous = offsets.loadUnaligned(as: UInt32.self).littleEndian
    for k in stride(from: 1, through: count, by: 1) {
      let next = offsets.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self).littleEndian
      guard previous <= next else { return false }
      previous = next
    }
    return true
  }

  /// Every string of the table, or nil when an offset lies outside `bytes` or decreases.
  static func decode(count: Int, offsets: UnsafeRawPointer, bytes: UnsafeRawBufferPointer)
    -> [String]?
  {
    var out: [String] = []
    out.reserveCapacity(count)
    for k in 0..<count {
      let s = Int(offsets.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self).littleEndian)
      let e = Int(offsets.loadUnaligned(fromByteOffset: (k + 1) * 4, as: UInt32.self).littleEndian)
      guard s <= e, e <= bytes.count else { return nil }
      out.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self))
    }
    return out
  }

  /// The bytes of a table of `strings`: the offsets, then the strings.
  static func encode(_ strings: some Sequence<String>) -> [UInt8] {
    var offsets: [UInt8] = []
    var bytes: [UInt8] = []
    func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { offsets.append(contentsOf: $0) } }
    u32(0)
    for s in strings {
      bytes.append(contentsOf: s.utf8)
      u32(bytes.count)
    }
    return offsets + bytes
  }
}
