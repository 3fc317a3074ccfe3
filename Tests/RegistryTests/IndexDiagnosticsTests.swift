import Migrate
import Registry
import Schema
import Testing

/// The index's stored form of decode diagnostics (``IndexDiagnostics``) gives back exactly
/// what was stored, for any text, and refuses anything else.
@Suite("Index diagnostics encoding")
struct IndexDiagnosticsTests {
  static let samples: [Diagnostic] = [
    Diagnostic(
      .error, code: "yaml", "did not find expected ',' or ']' while parsing a flow sequence",
      at: SourceLocation(file: "recipes/a/b.yaml", line: 50, column: 1),
      hint: "check the indentation and that every quote and bracket is closed"),
    Diagnostic(
      .warning, code: "w-1", "text with the format's own bytes: 12:ab; -k3:x i4; and ünïcødé ✓",
      at: nil, path: KeyPath([.key("backend"), .key("prefill_environment"), .index(3), .key("")]),
      hint: nil, related: SourceLocation(file: "x:1;-", line: 1, column: 99)),
    Diagnostic(.note, code: "", "", at: SourceLocation(file: "", line: 0, column: 0), hint: ""),
    Diagnostic(.error, code: "neg", "negative index", path: KeyPath([.index(-1), .index(0)])),
  ]

  @Test("every field round-trips, whatever the text")
  func roundTrip() {
    #expect(IndexDiagnostics.decode(IndexDiagnostics.encode(Self.samples)) == Self.samples)
    #expect(IndexDiagnostics.decode(IndexDiagnostics.encode([])) == [])
    for d in Self.samples {
      #expect(IndexDiagnostics.decode(IndexDiagnostics.encode([d])) == [d])
    }
  }

  @Test("the diagnostics of real broken recipes round-trip")
  func realDiagnostics() throws {
    let broken = [
      "name: x\nengine: {name: sglang, version: [0.5\n",
      "schema: v2\nname: 'unterminated\n",
      "name: ok\nresources: {gpus: many}\nengine: 12\n",
    ]
    var seen = 0
    for (i, text) in broken.enumerated() {
      let read = RecipeReader.read(Array(text.utf8), file: "broken-\(i).yaml", comments: false)
      seen += read.diagnostics.count
      #expect(IndexDiagnostics.decode(IndexDiagnostics.encode(read.diagnostics)) == read.diagnostics)
    }
    #expect(seen > 0)
  }

  @Test("a truncated or altered form is refused, never misread")
  func refusesDamage() {
    let stored = IndexDiagnostics.encode(Self.samples)
    let bytes = Array(stored.utf8)
    for cut in 0..<bytes.count {
      #expect(IndexDiagnostics.decode(String(decoding: bytes[..<cut], as: UTF8.self)) == nil, "cut at \(cut)")
    }
    #expect(IndexDiagnostics.decode(stored + "x") == nil)
    #expect(IndexDiagnostics.decode("[{\"code\":\"yaml\"}]") == nil)
  }
}
