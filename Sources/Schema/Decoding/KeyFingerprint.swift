/// A cheap summary of a mapping key for lookups: its UTF-8 length and first seven bytes in one
/// integer. Keys with different fingerprints differ; equal fingerprints still need a string
/// comparison. Never zero, and bit 63 is always clear (free for a flag).
enum KeyFingerprint {
  /// The bit left free in every fingerprint.
  static let freeBit: UInt64 = 1 << 63

  static func of(_ key: String) -> UInt64 {
    // Native and small strings (all of them on Linux) give their bytes without a copy.
    key.utf8.withContiguousStorageIfAvailable(of(bytes:))
      ?? Array(key.utf8).withUnsafeBufferPointer(of(bytes:))
  }

  /// Whether a fingerprint holds every byte of its key (seven bytes or fewer): two keys with
  /// such a fingerprint are equal, byte for byte, when their fingerprints are.
  static func holdsWholeKey(_ fingerprint: UInt64) -> Bool { fingerprint >> 56 <= 8 }

  static func of(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value: UInt64 = 0
    if bytes.count >= 8, let p = bytes.baseAddress {
      // One load of the first eight bytes, the eighth masked off.
      value =
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        & 0x00FF_FFFF_FFFF_FFFF
    } else {
      var i = 0
      while i < bytes.count {
        value |= UInt64(bytes[i]) << UInt64(8 * i)
        i += 1
      }
    }
    return value | UInt64(min(bytes.count, 126) + 1) << 56
  }
}
