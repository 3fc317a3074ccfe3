/// A fast 64-bit checksum over bytes (8 bytes a step), to detect a corrupted index file.
/// Not cryptographic.
enum FastHash {
  static func hash(_ buf: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(buf.count)
    let n = buf.count
    var i = 0
    while i + 8 <= n {
      let w = buf.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    while i < n {
      h = (h ^ UInt64(buf[i])) &* 0x0000_0100_0000_01B3
      i += 1
    }
    h ^= h >> 29
    h = h &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 32
    return h
  }
}
