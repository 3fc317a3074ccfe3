/// A fast 64-bit checksum over bytes, to detect a corrupted index file. Not cryptographic.
///
/// Four independent lanes take 8 bytes each per 32-byte step (so the multiplications overlap),
/// and are folded together at the end. Fed in pieces (`update`) it gives the same value as
/// over the concatenated bytes, so a file can be checksummed while it is written.
package struct FastHash {
  private var lanes: (UInt64, UInt64, UInt64, UInt64)
  /// The bytes of an unfinished 32-byte step, carried to the next piece.
  private var carry: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  private var carried = 0

  /// Starts a checksum over `length` bytes in total.
  init(length: Int) {
    let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
    lanes = (
      seed, seed ^ 0x6A09_E667_F3BC_C908, seed ^ 0xBB67_AE85_84CA_A73B, seed ^ 0x3C6E_F372_FE94_F82B
    )
  }

  /// The checksum of `buf`.
  package static func hash(_ buf: UnsafeRawBufferPointer) -> UInt64 {
    var hasher = FastHash(length: buf.count)
    hasher.update(buf)
    return hasher.finish()
  }

  @inline(__always) private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
    let m = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
    return m ^ (m >> 32)
  }

  @inline(__always) private static func word(_ p: UnsafeRawPointer, _ at: Int) -> UInt64 {
    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self))
  }

  /// Adds the next piece of bytes.
  mutating func update(_ buf: UnsafeRawBufferPointer) {
    guard let p = buf.baseAddress, !buf.isEmpty else { return }
    let n = buf.count
    var i = 0
    var (a, b, c, d) = lanes
    if carried > 0 {
      i = min(32 - carried, n)
      let offset = carried
      withUnsafeMutableBytes(of: &carry) {
        $0.baseAddress!.advanced(by: offset).copyMemory(from: p, byteCount: i)
      }
      carried += i
      guard carried == 32 else { return }
      (a, b, c, d) = withUnsafeBytes(of: carry) { q in
        let q = q.baseAddress!
        return (
          Self.mix(a, Self.word(q, 0)), Self.mix(b, Self.word(q, 8)), Self.mix(c, Self.word(q, 16)),
          Self.mix(d, Self.word(q, 24))
        )
      }
      carried = 0
    }
    while i + 32 <= n {
      a = Self.mix(a, Self.word(p, i))
      b = Self.mix(b, Self.word(p, i + 8))
      c = Self.mix(c, Self.word(p, i + 16))
      d = Self.mix(d, Self.word(p, i + 24))
      i += 32
    }
    lanes = (a, b, c, d)
    if i < n {
      let rest = n - i
      withUnsafeMutableBytes(of: &carry) {
        $0.baseAddress!.copyMemory(from: p + i, byteCount: rest)
      }
      carried = rest
    }
  }

  /// The checksum of every byte added.
  func finish() -> UInt64 {
    var h = Self.mix(Self.mix(Self.mix(lanes.0, lanes.1), lanes.2), lanes.3)
    let count = carried
    withUnsafeBytes(of: carry) { q in
      var k = 0
      while k + 8 <= count {
        h = Self.mix(h, Self.word(q.baseAddress!, k))
        k += 8
      }
      while k < count {
        h = (h ^ UInt64(q[k])) &* 0x0000_0100_0000_01B3
        k += 1
      }
    }
    h ^= h >> 29
    h = h &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 32
    return h
  }
}
