/// Byte-level ASCII helpers for hot paths that would otherwise lowercase or scan `String`s.
public enum ASCII {
  /// The byte lowercased when it is an ASCII capital letter; any other byte as it is.
  @inline(__always) public static func lower(_ c: UInt8) -> UInt8 {
    c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c
  }

  /// Whether every byte of the text is ASCII (then bytes are characters, and lowercasing is
  /// `lower` per byte).
  public static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }
}
