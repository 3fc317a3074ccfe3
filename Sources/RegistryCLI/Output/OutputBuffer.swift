/// Bytes on their way to stdout, handed on in pieces of about 64 KiB: a writer appends a
/// unit (a row, a line) and then calls ``endUnit()``, so a piece always ends between units
/// and never splits a character.
///
/// Appending copies into one buffer, reused for every piece (no `String` per value).
struct OutputBuffer: ~Copyable {
  /// The size at which the buffer is handed on.
  static let piece = 1 << 16

  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var count = 0
  /// The last byte handed on (0 before the first piece).
  private var lastFlushed: UInt8 = 0
  private let sink: (UnsafeRawBufferPointer) -> Void

  /// A buffer that hands its pieces to `sink`.
  init(to sink: @escaping (UnsafeRawBufferPointer) -> Void) {
    capacity = Self.piece + 4096
    base = .allocate(capacity: capacity)
    self.sink = sink
  }

  /// A buffer whose pieces go to `out` as strings.
  init(strings out: @escaping (String) -> Void) {
    self.init(to: { out(String(decoding: $0, as: UTF8.self)) })
  }

  deinit { base.deallocate() }

  /// Room for `n` more bytes (a unit may grow the buffer past a piece).
  @inline(__always) private mutating func reserve(_ n: Int) {
    if count &+ n > capacity { grow(count + n) }
  }

  private mutating func grow(_ needed: Int) {
    let bigger = max(capacity * 2, needed)
    let new = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
    new.update(from: base, count: count)
    base.deallocate()
    base = new
    capacity = bigger
  }

  @inline(__always) mutating func append(_ bytes: UnsafeRawBufferPointer) {
    guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    UnsafeMutableRawPointer(base + count).copyMemory(from: from, byteCount: bytes.count)
    count &+= bytes.count
  }

  @inline(__always) mutating func append(_ text: StaticString) {
    append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  mutating func append(string text: String) {
    var text = text
    text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
  }

  @inline(__always) mutating func append(byte: UInt8) {
    reserve(1)
    base[count] = byte
    count &+= 1
  }

  @inline(__always) mutating func append(repeating byte: UInt8, count n: Int) {
    guard n > 0 else { return }
    reserve(n)
    (base + count).initialize(repeating: byte, count: n)
    count &+= n
  }

  /// `n` in decimal.
  mutating func append(decimal n: Int) {
    var v = n.magnitude
    var digits = 1
    var rest = v / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    let sign = n < 0 ? 1 : 0
    append(count: sign + digits) { p in
      if sign == 1 { p[0] = UInt8(ascii: "-") }
      var k = sign + digits
      repeat {
        k -= 1
        p[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
        v /= 10
      } while v > 0
    }
  }

  /// Writes `n` bytes at the end through `body`, which must fill them all.
  @inline(__always) mutating func append(
    count n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void
  ) {
    reserve(n)
    body(base + count)
    count &+= n
  }

  /// Ends a unit: the buffer is handed on once it holds a piece.
  @inline(__always) mutating func endUnit() {
    if count >= Self.piece { flush() }
  }

  /// A newline unless what was written so far ends with one, as `Terminal.out` adds one.
  mutating func endLine() {
    if (count > 0 ? base[count - 1] : lastFlushed) != UInt8(ascii: "\n") {
      append(byte: UInt8(ascii: "\n"))
    }
  }

  /// What the buffer holds and has not handed on, as text.
  var pending: String {
    String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
  }

  /// Hands on what the buffer holds.
  mutating func flush() {
    guard count > 0 else { return }
    lastFlushed = base[count - 1]
    sink(UnsafeRawBufferPointer(start: base, count: count))
    count = 0
  }
}
