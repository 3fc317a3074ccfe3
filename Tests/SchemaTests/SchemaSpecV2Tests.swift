import Foundation
import TestSupport
import Testing

@testable import Schema

/// Checks the decoder and spec/v2/schema.yaml against the same files, so they cannot drift.
@Suite(
  .serialized, .requiresTool("check-jsonschema", install: "pip install check-jsonschema"),
  .requiresTool("python3"))
struct SchemaSpecV2Tests {
  /// Codes of defects that JSON Schema cannot express (cross-section rules).
  static let decoderOnlyCodes: Set<String> = [
    "named-field-in-args", "role-not-in-topology", "plugin-engine", "duplicate-plugin",
  ]

  /// The schema converted to JSON in a temp dir, and the tool path (the suite requires both
  /// tools, so a missing one fails here).
  static func prepare() throws -> (tool: String, schema: String) {
    guard let tool = Subprocess.which("check-jsonschema") else {
      throw Failure("check-jsonschema is not installed (pip install check-jsonschema)")
    }
    guard let python = Subprocess.which("python3") else {
      throw Failure("python3 is not installed")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "v2-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let out = dir.appendingPathComponent("schema.json").path
    let (status, output) = run(
      python,
      [
        "-c",
        "import json,sys,yaml; json.dump(yaml.safe_load(open(sys.argv[1])), open(sys.argv[2], 'w'))",
        V2Files.schema.path, out,
      ])
    guard status == 0 else { throw Failure("cannot convert the schema to JSON: \(output)") }
    return (tool, out)
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  static func run(_ exe: String, _ args: [String]) -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    do { try p.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func schemaIsValidAndAcceptsEveryValidFile() throws {
    let (tool, schema) = try Self.prepare()
    let meta = Self.run(tool, ["--check-metaschema", schema])
    #expect(meta.0 == 0, "\(meta.1)")
    let files = try V2Files.valid
    #expect(!files.isEmpty)
    let (status, output) = Self.run(tool, ["--schemafile", schema] + files.map(\.path))
    #expect(status == 0, "\(output)")
  }

  @Test func schemaRejectsInvalidFixturesItCanExpress() throws {
    let (tool, schema) = try Self.prepare()
    var checked = 0
    for url in try V2Files.invalid {
      let sidecar = url.deletingPathExtension().appendingPathExtension("expected")
      let expected = try ExpectedDiagnostics.parse(String(contentsOf: sidecar, encoding: .utf8))
      guard !expected.contains(where: { Self.decoderOnlyCodes.contains($0.code) }) else { continue }
      let (status, output) = Self.run(tool, ["--schemafile", schema, url.path])
      #expect(
        status != 0, "schema accepts \(url.lastPathComponent), the decoder does not: \(output)")
      checked += 1
    }
    #expect(checked >= 12)
  }

  @Test func canonicalEncodingIsAcceptedBySchema() throws {
    let (tool, schema) = try Self.prepare()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "v2-enc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var paths: [String] = []
    for url in try V2Files.valid {
      let recipe = try #require(try V2Files.decode(url).0)
      let out = dir.appendingPathComponent(url.lastPathComponent)
      try YAMLEmitter.emit(recipe.encode()).write(to: out, atomically: true, encoding: .utf8)
      paths.append(out.path)
    }
    let (status, output) = Self.run(tool, ["--schemafile", schema] + paths)
    #expect(status == 0, "\(output)")
  }
}
