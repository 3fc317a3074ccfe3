import Foundation
import Schema
import TestSupport
import Testing

/// `YAML11Resolver` reads plain scalars as PyYAML does, and the emitter writes plain text so
/// that PyYAML reads what YAML 1.2 reads.
@Suite struct YAML11ResolverTests {
  /// Spellings around every PyYAML resolver's edges.
  static let spellings: [String] = [
    "yes", "Yes", "YES", "yEs", "no", "No", "NO", "on", "On", "ON", "oN", "off", "Off", "OFF",
    "true", "True", "TRUE", "tRue", "false", "False", "FALSE", "y", "Y", "n", "N", "yes!",
    "~", "null", "Null", "NULL", "nULL", "nil", "<<", "=", "==", "<", "<<<",
    "0", "-0", "+0", "00", "007", "010", "08", "09", "0_7", "0_", "0b101", "0b", "0b2", "-0b11",
    "0b_1",
    "0x1F", "0x", "0xg", "-0x1f", "0x_F", "0o17", "0o", "1_000", "1__0", "1_", "+12", "-12", "12a",
    "1:30", "1:60", "1:5", "1:05:07", "-1:30", "0:30", "190:20:30", "1:30:", "1::30", "1:123",
    "1.0", "1.", "0.", "-1.5", "+1.5", ".5", "+.5", "-.5", "._5", "1_.5", "1.5_", "1e5", "1e-5",
    "1E+5", "1.0e5", "1.0e+5", "1.e+5", "1.0e-05", ".5e+3", "1.5e", "1.5e+", "1:30.5", "0:30.5",
    "1:30.", "1:30.5e+3", ".inf", ".Inf", ".INF", "-.inf", "+.inf", "+.Inf", ".iNf", ".nan", ".NaN",
    ".NAN", "-.nan", "+.nan", "nan", "inf", "2024-01-01", "2024-1-1", "2024-01-01T10:20:30",
    "2024-1-1t1:20:30.5", "2024-01-01 10:20:30", "2024-01-01  10:20:30Z",
    "2024-01-01T10:20:30 +01:00",
    "2024-01-01T10:20:30-1", "2024-01-01T10:20", "2024-13-45", "2024-01-01x", "20240101",
    "99999999999999999999", "0x7fffffffffffffff", "0x8000000000000000", "-9223372036854775808",
    "plain", "v0.5.8", "4x8", "1.2.3", "0.5.8", "-", "+", ".", "",
  ]

  static let python: String? = {
    guard let p = Subprocess.which("python3"),
      let r = try? Subprocess.run(p, ["-c", "import yaml"]), r.status == 0
    else { return nil }
    return p
  }()

  /// How PyYAML reads `x: <spelling>`, as `type value` lines.
  static func pyyaml(_ spellings: [String]) throws -> [String] {
    let script = """
      import sys, yaml, math
      for s in sys.argv[1:]:
          try:
              v = yaml.safe_load('x: ' + s)['x']
          except Exception:
              print('other'); continue
          t = type(v).__name__
          if t == 'float':
              print('float nan' if math.isnan(v) else 'float %r' % v)
          elif t in ('int', 'bool'):
              print('%s %s' % (t, v) if t == 'bool' or -2**63 <= v < 2**63 else 'other')
          elif t == 'NoneType':
              print('null')
          elif t == 'str':
              print('str')
          else:
              print('other')
      """
    let r = try Subprocess.run(try #require(python), ["-c", script] + spellings)
    #expect(r.status == 0, "\(r.stderr)")
    return r.stdout.split(separator: "\n").map(String.init)
  }

  static func describe(_ v: YAML11Resolver.Resolved) -> String {
    switch v {
    case .null: return "null"
    case .bool(let b): return "bool \(b ? "True" : "False")"
    case .int(let i): return "int \(i)"
    case .float(let d):
      return d.isNaN ? "float nan" : "float \(d.isInfinite ? (d > 0 ? "inf" : "-inf") : "\(d)")"
    case .string: return "str"
    case .other: return "other"
    }
  }

  @Test(.enabled(if: python != nil, "needs python3 with PyYAML (pip install pyyaml)"))
  func resolvesAsPyYAMLDoes() throws {
    // `-` and `1:30:` are no plain scalars after `x: ` (PyYAML fails on them).
    let spellings = Self.spellings.filter { !$0.isEmpty && $0 != "-" && $0 != "1:30:" }
    let expected = try Self.pyyaml(spellings)
    try #require(expected.count == spellings.count)
    for (s, e) in zip(spellings, expected) {
      var want = e
      // PyYAML does not take `y`/`n` as booleans; YAML 1.1 (and other 1.1 readers) does.
      if ["y", "Y"].contains(s) { want = "bool True" }
      if ["n", "N"].contains(s) { want = "bool False" }
      // Python prints floats as repr: 100000.0, 1e-05 (Swift: 1e-05), inf.
      var got = Self.describe(YAML11Resolver.resolvePlain(s))
      if case .float(let d) = YAML11Resolver.resolvePlain(s), !d.isNaN, !d.isInfinite,
        let w = Double(want.dropFirst(6)), w == d
      {
        got = want
      }
      #expect(got == want, "\(s)")
    }
  }

  /// Everything the emitter writes plain reads alike under PyYAML and YAML 1.2; what cannot be
  /// is quoted (a string) or respelled (a number).
  @Test func emitterWritesWhatBothSchemasReadAlike() throws {
    for s in Self.spellings where !s.isEmpty {
      let text = YAMLEmitter.emit(
        YAMLNode.mapping([YAMLPair(key: .string("x"), value: YAMLNode(.scalar(s, .plain)))]))
      let value = String(text.dropFirst(3).dropLast())
      let doc = try YAML.parse(text)
      // The YAML 1.2 reading is unchanged.
      let before = ScalarResolver.resolvePlain(s)
      let node = try #require(doc.root.value(at: "x"))
      guard case .scalar(let t, let style) = node.kind else {
        Issue.record("\(s)")
        continue
      }
      let after = ScalarResolver.resolve(t, style: style, tag: node.tag)
      if case .float(let a) = before, case .float(let b) = after {
        #expect(a == b || (a.isNaN && b.isNaN), "\(s)")
      } else {
        #expect(after == before, "\(s) -> \(value)")
      }
      if style == .plain { #expect(YAML11Resolver.readsAlike(t), "\(s) written plain as \(value)") }
    }
    #expect(YAMLEmitter.emit(YAMLNode.string("yes")) == "\"yes\"\n")
    #expect(YAMLEmitter.emit(YAMLNode(.scalar("0o17", .plain))) == "15\n")
    #expect(YAMLEmitter.emit(YAMLNode(.scalar("1e-5", .plain))) == "1.0e-05\n")
    #expect(
      YAMLEmitter.emit(YAMLNode.mapping([YAMLPair(key: .string("on"), value: .string("1:30"))]))
        == "\"on\": \"1:30\"\n")
    // A merge key stays one; `<<` as a value is a string.
    #expect(
      YAMLEmitter.emit(
        YAMLNode.mapping([YAMLPair(key: YAMLNode(.scalar("<<", .plain)), value: .string("<<"))]))
        == "<<: \"<<\"\n")
  }

  @Test func scalarEditQuotesWhatYAML11ReadsDifferently() {
    #expect(ScalarEdit.render("yes", style: .plain, wasString: true) == "\"yes\"")
    #expect(ScalarEdit.render("2024-01-01", style: .plain, wasString: true) == "\"2024-01-01\"")
    #expect(ScalarEdit.render("0.5.8", style: .plain, wasString: true) == "0.5.8")
    #expect(ScalarEdit.render("017", style: .plain, wasString: false) == "17")
  }
}
