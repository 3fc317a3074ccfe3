/// Byte-level ASCII helpers for hot paths that would otherwise lowercase or scan `String`s.
package enum ASCII {
  /// The byte lowercased when it is an ASCII capital letter; any other byte as it is.
  @inline(__always) package static func lower(_ c: UInt8) -> UInt8 {
    c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c
  }

  /// Whether every byte of the text is ASCII (then bytes are characters, and lowercasing is
  /// `lower` per byte).
  package static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }

  /// Whether the bytes of `a` and `b`, each lowercased with `lower` where its flag says so,
  /// are the same (a byte loop over both texts, no iterator per byte).
  package static func equal(_ a: String, lowering lowerA: Bool, _ b: String, lowering lowerB: Bool)
    -> Bool
  {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        for i in 0..<x.count {
          let c = lowerA ? lower(x[i]) : x[i]
          let d = lowerB ? lower(y[i]) : y[i]
          if c != d { return false }
        }
        return true
      }
    }
  }
}
