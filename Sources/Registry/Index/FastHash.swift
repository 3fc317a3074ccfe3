/// A fast 64-bit checksum over bytes, to detect a corrupted index file. Not cryptographic.
///
/// Eight lanes take 8 bytes each per 64-byte stripe: each adds the product of the low and high
/// halves of its word mixed with a key (a 32 × 32 → 64-bit multiply, which vectorises on any
/// x86-64), and its neighbour adds the word itself, so that no bit is lost when a half is zero.
/// The keys change with every stripe, so stripes that trade places change the checksum. The
/// lanes, the tail and the length are folded together at the end. Fed in pieces (`update`) it
/// gives the same value as over the concatenated bytes, so a file can be checksummed while it
/// is written.
package struct FastHash {
  private typealias Words = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
  private static let keys: Words = (
    0xBE4B_A423_396C_FEB8, 0x1CAD_21F7_2C81_017C, 0xDB97_9083_E96D_D4DE, 0x1F67_B3B7_A4A4_4072,
    0x78E5_C0CC_4EE6_79CB, 0x2172_FFCC_7DD0_5A82, 0x8E24_43F7_7446_08B8, 0x4C26_3A81_E690_35E0
  )
  private static let stripe = 64
  private var lanes: Words
  /// The number of stripes taken so far.
  private var stripes: UInt64 = 0
  private let length: UInt64
  /// The bytes of an unfinished stripe, carried to the next piece.
  private var carry: Words = (0, 0, 0, 0, 0, 0, 0, 0)
  private var carried = 0

  /// Starts a checksum over `length` bytes in total.
  init(length: Int) {
    self.length = UInt64(length)
    lanes = Self.keys
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

  /// Lane `a` takes the product of the halves of `word ^ key`, lane `b` the word.
  @inline(__always) private static func take(
    _ a: inout UInt64, _ b: inout UInt64, _ word: UInt64, _ key: UInt64
  ) {
    let k = word ^ key
    a &+= (k & 0xFFFF_FFFF) &* (k >> 32)
    b &+= word
  }

  /// Takes the stripes of `p[0..<count]` (`count` a multiple of 64).
  @inline(__always) private mutating func stripes(_ p: UnsafeRawPointer, _ count: Int) {
    var (a0, a1, a2, a3, a4, a5, a6, a7) = lanes
    let k = Self.keys
    var n = stripes
    var i = 0
    while i < count {
      let s = n &* 0x9E37_79B9_7F4A_7C15
      Self.take(&a0, &a1, Self.word(p, i), k.0 &+ s)
      Self.take(&a1, &a0, Self.word(p, i + 8), k.1 &+ s)
      Self.take(&a2, &a3, Self.word(p, i + 16), k.2 &+ s)
      Self.take(&a3, &a2, Self.word(p, i + 24), k.3 &+ s)
      Self.take(&a4, &a5, Self.word(p, i + 32), k.4 &+ s)
      Self.take(&a5, &a4, Self.word(p, i + 40), k.5 &+ s)
      Self.take(&a6, &a7, Self.word(p, i + 48), k.6 &+ s)
      Self.take(&a7, &a6, Self.word(p, i + 56), k.7 &+ s)
      n &+= 1
      i += Self.stripe
    }
    stripes = n
    lanes = (a0, a1, a2, a3, a4, a5, a6, a7)
  }

  /// Adds the next piece of bytes.
  mutating func update(_ buf: UnsafeRawBufferPointer) {
    guard let p = buf.baseAddress, !buf.isEmpty else { return }
    let n = buf.count
    var i = 0
    if carried > 0 {
      i = min(Self.stripe - carried, n)
      let offset = carried
      withUnsafeMutableBytes(of: &carry) {
        $0.baseAddress!.advanced(by: offset).copyMemory(from: p, byteCount: i)
      }
      carried += i
      guard carried == Self.stripe else { return }
      let whole = carry
      withUnsafeBytes(of: whole) { stripes($0.baseAddress!, Self.stripe) }
      carried = 0
    }
    let body = (n - i) / Self.stripe * Self.stripe
    stripes(p + i, body)
    i += body
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
    var h = Self.mix(0x9E37_79B9_7F4A_7C15, length)
    for lane in [lanes.0, lanes.1, lanes.2, lanes.3, lanes.4, lanes.5, lanes.6, lanes.7] {
      h = Self.mix(h, lane)
    }
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
