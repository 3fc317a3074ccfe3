import Foundation
import Schema
import Testing

@testable import RegistryCLI

/// The hand-written JSON of `search`/`list` is byte for byte what JSONEncoder writes.
@Suite struct RecipeListJSONTests {
  static func rows(_ json: String) throws -> [RecipeRow] {
    try JSONDecoder().decode([RecipeRow].self, from: Data(json.utf8))
  }

  static let varied = """
    [
      {"name": "plain", "format": "v2", "path": "recipes/a/plain.yaml", "blob": "0123", "valid": true},
      {"name": "every-field", "model": "org/Model-FP8", "engine": "sglang",
       "engineVersion": "v0.5.8.post1", "image": "lmsysorg/sglang:v0.5.8", "gpuType": "gb200",
       "gpusPerNode": 4, "gpusPerNodeDerived": true, "totalGPUs": 48, "nodes": 12,
       "precision": "fp4", "topology": "disagg", "format": "sglang-v1", "status": "functional",
       "path": "recipes/b.yaml", "blob": "abcd", "valid": false, "scope": "team"},
      {"name": "quote \\" backslash \\\\ slash / tab \\t nl \\n cr \\r ctl \\u0001 del \\u007f",
       "format": "v2", "path": "recipes/ü/ñame-→-😀.yaml", "blob": "x", "valid": true,
       "model": "\\u2028 line sep \\u2029", "nodes": -3, "totalGPUs": 0,
       "gpusPerNodeDerived": false}
    ]
    """

  @Test("every field, absent fields, escapes and non-ASCII text: the same bytes as JSONEncoder")
  func sameBytesAsJSONEncoder() throws {
    let rows = try Self.rows(Self.varied)
    for list in [
      RecipeList(registry: "/tmp/reg \"x\"", commit: "c0ffee", count: rows.count, recipes: rows),
      RecipeList(registry: "/r", commit: "c", count: 1, recipes: [rows[1]]),
      RecipeList(registry: "/r", commit: "c", count: 0, recipes: []),
    ] {
      #expect(RecipeListJSON.text(list) == (try JSONOutput.encode(list)))
    }
  }

  @Test("rows with errors (none, one, several) are written as JSONEncoder writes them")
  func rowsWithErrors() throws {
    var rows = try Self.rows(Self.varied)
    let at = SourceLocation(file: "recipes/b.yaml", line: 3, column: 7)
    rows[0].errors = []
    rows[1].errors = [Diagnostic(.error, code: "bad-engine", "unknown engine \"x\"", at: at)]
    rows[2].errors = [
      Diagnostic(.error, code: "a", "first", at: at, hint: "fix it"),
      Diagnostic(.warning, code: "b", "ünïcode → second", at: at),
    ]
    let list = RecipeList(registry: "/r", commit: "c", count: rows.count, recipes: rows)
    #expect(RecipeListJSON.text(list) == (try JSONOutput.encode(list)))
  }

  @Test("each byte JSON escapes, at every offset of an 8-byte word and in the tail")
  func escapedBytesAtEveryOffset() throws {
    let template = try Self.rows(Self.varied)[0]
    let specials: [String] =
      (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
        "\"", "\\", "\u{7F}", "é", "/", " ", "~",
      ]
    var rows: [RecipeRow] = []
    for special in specials {
      for offset in 0..<17 {
        var row = template
        row.entry.name =
          String(repeating: "a", count: offset) + special
          + String(repeating: "b", count: 16 - offset)
        rows.append(row)
      }
    }
    let list = RecipeList(registry: "/r", commit: "c", count: rows.count, recipes: rows)
    #expect(RecipeListJSON.text(list) == (try JSONOutput.encode(list)))
  }

  @Test("a long list goes out in pieces of whole rows that join into JSONEncoder's bytes")
  func aLongListIsWrittenInPieces() throws {
    let template = try Self.rows(Self.varied)
    let rows = (0..<3000).map { i in
      var row = template[i % template.count]
      row.entry.name += "-\(i)"
      return row
    }
    let list = RecipeList(registry: "/r", commit: "c", count: rows.count, recipes: rows)
    var pieces: [String] = []
    var out = OutputBuffer(strings: { pieces.append($0) })
    RecipeListJSON.write(RecipeRowList(rows), registry: "/r", commit: "c", to: &out)
    out.flush()
    #expect(pieces.count > 3)
    #expect(pieces.allSatisfy { $0.utf8.count < 70_000 })
    #expect(pieces.dropLast().allSatisfy { $0.hasSuffix("\n") })
    #expect(pieces.joined() == (try JSONOutput.encode(list)))
  }
}
