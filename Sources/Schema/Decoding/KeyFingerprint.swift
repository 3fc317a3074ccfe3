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

  private static func of(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value: UInt64 = 0
    let n = min(bytes.count, 7)
    var i = 0
    while i < n {
      value |= UInt64(bytes[i]) << UInt64(8 * i)
      i += 1
    }
    return value | UInt64(min(bytes.count, 126) + 1) << 56
  }
}
