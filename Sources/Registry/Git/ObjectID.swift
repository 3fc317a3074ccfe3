/// A 20-byte git object id (SHA-1), printed as 40 lower-case hex digits.
///
/// Ordering is the byte-wise order of the raw id (the same as the order of the hex strings).
public struct ObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
  // Big-endian words, so tuple order equals byte order.
  private let high: UInt64
  private let middle: UInt64
  private let low: UInt32

  /// The raw size of an id in bytes.
  public static let byteCount = 20

  /// Creates an id from exactly 20 raw bytes; nil for any other length.
  public init?(bytes: some Collection<UInt8>) {
    guard bytes.count == Self.byteCount else { return nil }
    var h: UInt64 = 0
    var m: UInt64 = 0
    var l: UInt32 = 0
    for (i, b) in bytes.enumerated() {
      if i < 8 {
        h = h << 8 | UInt64(b)
      } else if i < 16 {
        m = m << 8 | UInt64(b)
      } else {
        l = l << 8 | UInt32(b)
      }
    }
    (high, middle, low) = (h, m, l)
  }

  /// Creates an id from raw memory holding 20 bytes.
  init(raw: UnsafeRawPointer) {
    high = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    middle = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    low = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
  }

  /// Writes the 20 raw bytes to memory.
  func store(to raw: UnsafeMutableRawPointer) {
    raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
    raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
    raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
  }

  /// Creates an id from 40 hex digits (either case); nil otherwise.
  public init?(hex: some StringProtocol) {
    let utf8 = hex.utf8
    guard utf8.count == 40 else { return nil }
    var bytes = [UInt8]()
    bytes.reserveCapacity(20)
    var pending: UInt8 = 0
    for (i, c) in utf8.enumerated() {
      let v: UInt8
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c &- UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c &- UInt8(ascii: "a") &+ 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c &- UInt8(ascii: "A") &+ 10
      default: return nil
      }
      if i & 1 == 0 { pending = v << 4 } else { bytes.append(pending | v) }
    }
    self.init(bytes: bytes)
  }

  /// The 20 raw bytes.
  public var bytes: [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(20)
    for s in stride(from: 56, through: 0, by: -8) {
      out.append(UInt8(truncatingIfNeeded: high >> s))
    }
    for s in stride(from: 56, through: 0, by: -8) {
      out.append(UInt8(truncatingIfNeeded: middle >> s))
    }
    for s in stride(from: 24, through: 0, by: -8) {
      out.append(UInt8(truncatingIfNeeded: low >> s))
    }
    return out
  }

  /// The 40-digit lower-case hex form.
  public var hex: String {
    String(unsafeUninitializedCapacity: 40) { buffer in
      writeHex(to: buffer.baseAddress!)
      return 40
    }
  }

  /// Writes the 40 lower-case hex digits to `out`, which must have room for them.
  public func writeHex(to out: UnsafeMutablePointer<UInt8>) {
    let raw = UnsafeMutableRawPointer(out)
    raw.storeBytes(of: Self.hexDigits(UInt32(truncatingIfNeeded: high >> 32)), as: UInt64.self)
    raw.storeBytes(
      of: Self.hexDigits(UInt32(truncatingIfNeeded: high)), toByteOffset: 8, as: UInt64.self)
    raw.storeBytes(
      of: Self.hexDigits(UInt32(truncatingIfNeeded: middle >> 32)), toByteOffset: 16,
      as: UInt64.self)
    raw.storeBytes(
      of: Self.hexDigits(UInt32(truncatingIfNeeded: middle)), toByteOffset: 24, as: UInt64.self)
    raw.storeBytes(of: Self.hexDigits(low), toByteOffset: 32, as: UInt64.self)
  }

  /// The eight hex digits of `v`, most significant first in memory: its nibbles spread one a
  /// byte, then each made a digit ('0' + n, and 39 more from 10 on, when n + 6 carries into
  /// bit 4).
  @inline(__always) private static func hexDigits(_ v: UInt32) -> UInt64 {
    var x = UInt64(v)
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
    x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
    x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
    let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
    let digits = x &+ 0x3030_3030_3030_3030 &+ letters &* 39
    // The most significant nibble is in the top byte: first in memory once big-endian.
    return digits.bigEndian
  }

  /// The first `length` hex digits (clamped to 4...40).
  public func abbreviated(_ length: Int = 7) -> String {
    String(hex.prefix(min(max(length, 4), 40)))
  }

  /// The 40 hex digits.
  public var description: String { hex }

  /// Orders ids by their bytes.
  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
    (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
  }
}
