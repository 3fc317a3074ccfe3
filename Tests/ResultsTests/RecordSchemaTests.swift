import Foundation
import Results
import TestSupport
import Testing

/// The records the importers make match `spec/results/v1.schema.json` (checked by
/// check-jsonschema), and round-trip through their stored JSON form.
@Suite(.serialized) struct RecordSchemaTests {
  static let schema = PackageRoot.path("spec/results/v1.schema.json")
  static let hex = String(repeating: "ab", count: 20)

  /// A record of each fixture's each point, as `results add` would make it.
  static func records() throws -> [ResultRecord] {
    var out: [ResultRecord] = []
    for fixture in ResultFixtures.accepted {
      for m in try ResultFormat.read(try ResultFixtures.bytes(fixture.file), file: fixture.file) {
        var figures = m.figures
        figures.dividePerGPU(by: 8)
        out.append(
          ResultRecord(
            recipe: .init(name: "demo", blob: hex, commit: hex),
            engine: .init(name: "sglang", version: "0.5.5", image: "lmsysorg/sglang:v0.5.5"),
            hardware: .init(gpuType: "h200", gpus: 8, nodes: 1, topology: "agg"),
            workload: m.workload, figures: figures,
            run: .init(
              by: "Ada <ada@example.com>", at: m.at, cluster: "lab", tool: m.format.rawValue),
            source: .init(
              file: fixture.file, path: "results/demo/raw/x", blob: hex, format: m.format.rawValue,
              line: m.line)))
      }
    }
    return out
  }

  @Test func storedFormRoundTripsWithSortedKeys() throws {
    for record in try Self.records() {
      let bytes = record.jsonBytes()
      #expect(try ResultRecord.decode(bytes, file: "r.json") == record)
      let text = String(decoding: bytes, as: UTF8.self)
      let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
        $0.split(separator: "\"")[1]
      }
      #expect(keys == keys.sorted(), "top-level keys not sorted: \(keys)")
      #expect(text.contains("\"output_tokens_per_s\""))
      #expect(text.contains("\"schema\" : \"result-v1\""))
    }
  }

  @Test func decodeRejectsAnotherSchema() throws {
    let record = try #require(try Self.records().first)
    var text = String(decoding: record.jsonBytes(), as: UTF8.self)
    text = text.replacingOccurrences(of: "result-v1", with: "result-v9")
    let error = try #require(throws: ResultError.self) {
      try ResultRecord.decode(Array(text.utf8), file: "r.json")
    }
    #expect(error.description.contains("unknown result record schema 'result-v9'"))
  }

  @Test(.requiresTool("check-jsonschema", install: "pip install check-jsonschema"))
  func everyImportedRecordMatchesTheSpec() throws {
    let dir = try ResultFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var files: [String] = []
    for (i, record) in try Self.records().enumerated() {
      let url = dir.appendingPathComponent("record-\(i).json")
      try Data(record.jsonBytes()).write(to: url)
      files.append(url.path)
    }
    #expect(files.count == 8)
    let tool = try #require(Subprocess.which("check-jsonschema"))
    let r = try Subprocess.run(tool, ["--schemafile", Self.schema] + files)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }

  @Test(.requiresTool("check-jsonschema", install: "pip install check-jsonschema"))
  func theSpecRejectsARecordThatMeasuredNothing() throws {
    let dir = try ResultFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var record = try #require(try Self.records().first)
    record.figures.outputTokens = 0
    let url = dir.appendingPathComponent("zero.json")
    try Data(record.jsonBytes()).write(to: url)
    var unitless = try #require(try Self.records().first)
    unitless.figures.completed = 0
    let url2 = dir.appendingPathComponent("none-completed.json")
    try Data(unitless.jsonBytes()).write(to: url2)
    let tool = try #require(Subprocess.which("check-jsonschema"))
    for file in [url.path, url2.path] {
      let r = try Subprocess.run(tool, ["--schemafile", Self.schema, file])
      #expect(r.status != 0, "the spec accepted \(file)")
    }
  }
}
