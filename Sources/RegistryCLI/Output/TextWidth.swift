/// The width of text in a table: its characters, as `String` counts them, counted from the
/// UTF-8 bytes for the usual text.
enum TextWidth {
  /// The characters of `s`.
  static func of(_ s: String) -> Int {
    var text = s
    return text.withUTF8 { scalars(UnsafeRawBufferPointer($0)) } ?? s.count
  }

  /// The width of UTF-8 text whose scalars are all below U+0300 and none of them CR (CR LF is
  /// one character): then it has one character per scalar (none of them extends a cluster),
  /// counted from the bytes that start one. Nil for other text, which only `String` counts.
  /// Text of such scalars joined to more of them is again such text, so widths add up.
  @inline(__always) static func scalars(_ u: UnsafeRawBufferPointer) -> Int? {
    var n = 0
    var i = 0
    // ASCII without CR, eight bytes at a time: eight scalars (a CR shows as a borrow).
    if let base = u.baseAddress {
      let ones: UInt64 = 0x0101_0101_0101_0101
      while i + 8 <= u.count {
        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let cr = w ^ (ones &* 0x0D)
        guard (w | ((cr &- ones) & ~cr)) & (ones &* 0x80) == 0 else { break }
        n += 8
        i += 8
      }
    }
    // Bytes from 0xCC lead scalars from U+0300 on.
    while i < u.count {
      let b = u[i]
      if b >= 0xCC || b == 0x0D { return nil }
      if b & 0xC0 != 0x80 { n += 1 }
      i += 1
    }
    return n
  }
}
