/// Resolves plain scalars as a YAML 1.1 reader does, on UTF-8 bytes: PyYAML's implicit
/// resolvers (`yaml/resolver.py`), which every upstream recipe tool reads with, plus the
/// one-letter booleans `y`/`n` of the YAML 1.1 type repository (other 1.1 readers take them).
///
/// `registry` reads YAML 1.2 (`ScalarResolver`); the emitter uses `readsAlike` to quote or
/// respell the plain scalars whose meaning would differ for those tools (`yes`, `on`, `0o17`,
/// `1_000`, `1:30`, `2024-01-01`, `1e-05`, `=`, `<<`).
public enum YAML11Resolver {
  /// A plain scalar's value under YAML 1.1.
  public enum Resolved: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string
    /// An integer, a timestamp, `=` or `<<`, or a spelling PyYAML fails to construct
    /// (`0b_`): nothing YAML 1.2 reads the same.
    case other
  }

  /// Resolves the text of a plain scalar (no tag).
  public static func resolvePlain(_ text: String) -> Resolved {
    var text = text
    return text.withUTF8 { resolve($0) }
  }

  /// Whether a YAML 1.1 reader reads plain text as the value the YAML 1.2 core schema gives it
  /// (`ScalarResolver.resolvePlain`): same type and same value.
  public static func readsAlike(_ text: String) -> Bool {
    guard let c0 = text.utf8.first else { return true }  // null in both
    if !mayDiffer(c0) { return true }
    let v11 = resolvePlain(text)
    switch ScalarResolver.resolvePlain(text) {
    case .null: return v11 == .null
    case .bool(let b): return v11 == .bool(b)
    case .int(let i): return v11 == .int(i)
    case .float(let d):
      if case .float(let e) = v11 { return d == e || (d.isNaN && e.isNaN) }
      return false
    case .string: return v11 == .string
    }
  }

  /// Whether plain text starting with this byte can resolve to something else than a string
  /// under YAML 1.1 or 1.2.
  @inline(__always) static func mayDiffer(_ c0: UInt8) -> Bool {
    switch c0 {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"),
      UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
      UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"), UInt8(ascii: "O"),
      UInt8(ascii: "<"), UInt8(ascii: "="):
      return true
    default:
      return false
    }
  }

  // MARK: - Resolution (PyYAML tries bool, float, int, merge, null, timestamp, value)

  static func resolve(_ b: UnsafeBufferPointer<UInt8>) -> Resolved {
    let n = b.count
    if n == 0 { return .null }
    if let v = keyword(b) { return v }
    if let v = float(b) { return v }
    if let v = int(b) { return v }
    if isTimestamp(b) { return .other }
    return .string
  }

  /// Booleans, nulls, `<<` and `=`: short words compared byte by byte.
  private static func keyword(_ b: UnsafeBufferPointer<UInt8>) -> Resolved? {
    guard b.count <= 5 else { return nil }
    switch String(decoding: b, as: UTF8.self) {
    case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "y", "Y": return .bool(true)
    case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "n", "N":
      return .bool(false)
    case "~", "null", "Null", "NULL": return .null
    case "<<", "=": return .other
    default: return nil
    }
  }

  @inline(__always) private static func isDigit(_ c: UInt8) -> Bool {
    c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
  }

  /// `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?`, `\.[0-9][0-9_]*([eE][-+][0-9]+)?`,
  /// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
  private static func float(_ b: UnsafeBufferPointer<UInt8>) -> Resolved? {
    let n = b.count
    var i = 0
    var negative = false
    if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
      negative = b[0] == UInt8(ascii: "-")
      i = 1
    }
    guard i < n else { return nil }
    if b[i] == UInt8(ascii: ".") {
      let rest = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)...]), as: UTF8.self)
      if rest == "inf" || rest == "Inf" || rest == "INF" {
        return .float(negative ? -.infinity : .infinity)
      }
      if i == 0, rest == "nan" || rest == "NaN" || rest == "NAN" { return .float(.nan) }
      // `\.[0-9][0-9_]*(exponent)?`, unsigned only.
      guard i == 0, i + 1 < n, isDigit(b[i + 1]) else { return nil }
      var j = i + 2
      while j < n, isDigit(b[j]) || b[j] == UInt8(ascii: "_") { j += 1 }
      guard let end = exponentEnd(b, from: j), end == n else { return nil }
      return decimalFloat(b, negative: false)
    }
    guard isDigit(b[i]) else { return nil }
    var j = i + 1
    while j < n, isDigit(b[j]) || b[j] == UInt8(ascii: "_") { j += 1 }
    if j < n, b[j] == UInt8(ascii: ".") {
      j += 1
      while j < n, isDigit(b[j]) || b[j] == UInt8(ascii: "_") { j += 1 }
      guard let end = exponentEnd(b, from: j), end == n else { return nil }
      return decimalFloat(b, negative: negative)
    }
    // Sexagesimal: (:[0-5]?[0-9])+ then a fraction.
    guard j < n, b[j] == UInt8(ascii: ":"), let (end, _) = sexagesimalGroups(b, from: j), end < n,
      b[end] == UInt8(ascii: ".")
    else { return nil }
    var k = end + 1
    while k < n, isDigit(b[k]) || b[k] == UInt8(ascii: "_") { k += 1 }
    guard k == n else { return nil }
    // Parts are read as floats: the last one carries the fraction.
    var value = 0.0
    var part = 0.0
    var m = i
    while m < end {
      let c = b[m]
      if isDigit(c) {
        part = part * 10 + Double(c - UInt8(ascii: "0"))
      } else if c == UInt8(ascii: ":") {
        value = value * 60 + part
        part = 0
      }
      m += 1
    }
    guard let fraction = Double("0" + digitsWithoutUnderscores(b, from: end, to: n)) else {
      return .other
    }
    value = value * 60 + part + fraction
    return .float(negative ? -value : value)
  }

  /// The end of an optional `[eE][-+][0-9]+` at `j`; nil when one starts but is malformed.
  private static func exponentEnd(_ b: UnsafeBufferPointer<UInt8>, from j: Int) -> Int? {
    let n = b.count
    guard j < n, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") else { return j }
    guard j + 2 < n, b[j + 1] == UInt8(ascii: "-") || b[j + 1] == UInt8(ascii: "+") else {
      return nil
    }
    var k = j + 2
    while k < n, isDigit(b[k]) { k += 1 }
    return k > j + 2 ? k : nil
  }

  /// `(:[0-5]?[0-9])+` from a `:` at `j`: the end and the number of groups.
  private static func sexagesimalGroups(_ b: UnsafeBufferPointer<UInt8>, from j: Int) -> (Int, Int)?
  {
    let n = b.count
    var k = j
    var groups = 0
    while k < n, b[k] == UInt8(ascii: ":") {
      // `[0-5]?[0-9]`: one digit, or two with the first in 0-5.
      guard k + 1 < n, isDigit(b[k + 1]) else { break }
      if k + 2 < n, isDigit(b[k + 2]), b[k + 1] <= UInt8(ascii: "5") {
        k += 3
      } else {
        k += 2
      }
      groups += 1
    }
    return groups > 0 ? (k, groups) : nil
  }

  private static func digitsWithoutUnderscores(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int)
    -> String
  {
    var s: [UInt8] = []
    s.reserveCapacity(to - from + 1)
    for k in from..<to where b[k] != UInt8(ascii: "_") { s.append(b[k]) }
    return String(decoding: s, as: UTF8.self)
  }

  /// A decimal float as Python's `float()` reads it after PyYAML drops the underscores and
  /// the sign (`1.` and `1.e+5` are `1.0` and `1.0e+5`).
  private static func decimalFloat(_ b: UnsafeBufferPointer<UInt8>, negative: Bool) -> Resolved {
    var s: [UInt8] = []
    s.reserveCapacity(b.count + 2)
    var k = b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") ? 1 : 0
    while k < b.count {
      let c = b[k]
      k += 1
      if c == UInt8(ascii: "_") { continue }
      if c == UInt8(ascii: "e") || c == UInt8(ascii: "E"), s.last == UInt8(ascii: ".") {
        s.append(UInt8(ascii: "0"))
      }
      if c == UInt8(ascii: "."), s.isEmpty { s.append(UInt8(ascii: "0")) }
      s.append(c)
    }
    if s.last == UInt8(ascii: ".") { s.append(UInt8(ascii: "0")) }
    guard let d = Double(String(decoding: s, as: UTF8.self)) else { return .other }
    return .float(negative ? -d : d)
  }

  /// `[-+]?0b[0-1_]+`, `[-+]?0[0-7_]+`, `[-+]?(0|[1-9][0-9_]*)`, `[-+]?0x[0-9a-fA-F_]+`,
  /// `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`; values that overflow 64 bits or that PyYAML cannot
  /// construct are `.other`.
  private static func int(_ b: UnsafeBufferPointer<UInt8>) -> Resolved? {
    let n = b.count
    var i = 0
    var negative = false
    if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
      negative = b[0] == UInt8(ascii: "-")
      i = 1
    }
    guard i < n, isDigit(b[i]) else { return nil }
    func digits(from start: Int, radix: Int, allowed: (UInt8) -> Bool) -> Resolved? {
      var k = start
      var value = 0
      var any = false
      while k < n {
        let c = b[k]
        if c == UInt8(ascii: "_") {
          k += 1
          continue
        }
        guard allowed(c) else { return nil }
        let d: Int
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(c - UInt8(ascii: "a")) + 10
        default: d = Int(c - UInt8(ascii: "A")) + 10
        }
        // Accumulated with its sign, so that Int.min fits.
        let (m, o1) = value.multipliedReportingOverflow(by: radix)
        let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
        guard !o1, !o2 else { return .other }
        value = s
        any = true
        k += 1
      }
      guard k > start else { return nil }  // regex needs one character after the prefix
      guard any else { return .other }  // `0b_`: PyYAML's int('', 2) fails
      return .int(value)
    }
    if b[i] == UInt8(ascii: "0") {
      if i + 1 == n { return .int(0) }
      switch b[i + 1] {
      case UInt8(ascii: "b"):
        return digits(from: i + 2, radix: 2) { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") }
      case UInt8(ascii: "x"):
        return digits(from: i + 2, radix: 16) {
          isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
            || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F"))
        }
      default:
        // `0[0-7_]+` is octal; `0_` is 0.
        return digits(from: i + 1, radix: 8) { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
          .map { $0 == .other ? .int(0) : $0 }
      }
    }
    var j = i + 1
    while j < n, isDigit(b[j]) || b[j] == UInt8(ascii: "_") { j += 1 }
    if j == n { return digits(from: i, radix: 10, allowed: isDigit) }
    guard b[j] == UInt8(ascii: ":"), let (end, _) = sexagesimalGroups(b, from: j), end == n else {
      return nil
    }
    var value = 0
    var part = 0
    for k in i..<n {
      let c = b[k]
      if isDigit(c) {
        let (m, o1) = part.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
        guard !o1, !o2 else { return .other }
        part = s
      } else if c == UInt8(ascii: ":") {
        let (m, o1) = value.multipliedReportingOverflow(by: 60)
        let (s, o2) = m.addingReportingOverflow(part)
        guard !o1, !o2 else { return .other }
        value = s
        part = 0
      }
    }
    let (m, o1) = value.multipliedReportingOverflow(by: 60)
    let (s, o2) = m.addingReportingOverflow(part)
    guard !o1, !o2 else { return .other }
    return .int(negative ? -s : s)
  }

  /// `YYYY-MM-DD`, or `YYYY-M-D` then `T`/`t`/blanks, `H:MM:SS`, an optional fraction and an
  /// optional zone (`Z`, `+H`, `-HH:MM`) after optional blanks.
  private static func isTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    guard n >= 10, isDigit(b[0]), isDigit(b[1]), isDigit(b[2]), isDigit(b[3]),
      b[4] == UInt8(ascii: "-")
    else { return false }
    if n == 10, isDigit(b[5]), isDigit(b[6]), b[7] == UInt8(ascii: "-"), isDigit(b[8]),
      isDigit(b[9])
    {
      return true
    }
    var i = 5
    func oneOrTwoDigits() -> Bool {
      guard i < n, isDigit(b[i]) else { return false }
      i += 1
      if i < n, isDigit(b[i]) { i += 1 }
      return true
    }
    func twoDigits() -> Bool {
      guard i + 1 < n, isDigit(b[i]), isDigit(b[i + 1]) else { return false }
      i += 2
      return true
    }
    func blanks() -> Int {
      let s = i
      while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
      return i - s
    }
    guard oneOrTwoDigits(), i < n, b[i] == UInt8(ascii: "-") else { return false }
    i += 1
    guard oneOrTwoDigits(), i < n else { return false }
    if b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") {
      i += 1
    } else if blanks() == 0 {
      return false
    }
    guard oneOrTwoDigits(), i < n, b[i] == UInt8(ascii: ":") else { return false }
    i += 1
    guard twoDigits(), i < n, b[i] == UInt8(ascii: ":") else { return false }
    i += 1
    guard twoDigits() else { return false }
    if i < n, b[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, isDigit(b[i]) { i += 1 }
    }
    if i == n { return true }
    _ = blanks()
    guard i < n else { return false }
    if b[i] == UInt8(ascii: "Z") {
      i += 1
    } else if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
      i += 1
      guard oneOrTwoDigits() else { return false }
      if i < n, b[i] == UInt8(ascii: ":") {
        i += 1
        guard twoDigits() else { return false }
      }
    } else {
      return false
    }
    return i == n
  }
}
