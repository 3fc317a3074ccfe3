extension YAMLEmitter {
  /// The UTF-8 bytes of the text being written (one buffer for a whole stream).
  struct Output {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(2048) }

    var count: Int { bytes.count }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ s: String) {
      var s = s
      s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: Substring) { bytes.append(contentsOf: s.utf8) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func spaces(_ n: Int) {
      if n > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }
    }

    /// `  #comment`.
    mutating func trailingComment(_ c: String) {
      bytes.append(UInt8(ascii: " "))
      bytes.append(UInt8(ascii: " "))
      bytes.append(UInt8(ascii: "#"))
      append(c)
    }
  }
}
