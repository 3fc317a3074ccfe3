import Foundation
import TestSupport
import Testing

/// `bash -n` and `shellcheck` on rendered scripts; YAML schema checks with check-jsonschema.
enum ScriptChecks {
  /// Fails the test when `bash -n` rejects the script.
  static func bashSyntax(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let r = try Tools.run(["/bin/bash", "-n"], stdin: script)
    #expect(r.status == 0, "bash -n failed:\n\(r.output)", sourceLocation: sourceLocation)
  }

  /// Fails the test on any shellcheck finding; skips (with a printed reason) without shellcheck.
  static func shellcheck(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let tool = Subprocess.which("shellcheck") else {
      print("skipped: shellcheck is not installed")
      return
    }
    let r = try Tools.run([tool, "--shell=bash", "-"], stdin: script)
    #expect(r.status == 0, "shellcheck findings:\n\(r.output)", sourceLocation: sourceLocation)
  }

  /// Validates one YAML document against a JSON schema under `../shared/schemas`; skips (with a
  /// printed reason) when the schema or check-jsonschema is absent.
  static func jsonSchema(
    _ yaml: String, schema name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    guard let schema = Tools.sharedSchema(name) else {
      print("skipped: ../shared/schemas/\(name) not found beside the package")
      return
    }
    guard let tool = Subprocess.which("check-jsonschema") else {
      print("skipped: check-jsonschema is not installed")
      return
    }
    let dir = try Tools.makeTempDir("schema")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("doc.yaml")
    try Tools.write(yaml, to: file)
    let r = try Tools.run([tool, "--schemafile", schema, file.path], timeout: 120)
    #expect(r.status == 0, "check-jsonschema \(name) failed:\n\(r.output)\n---\n\(yaml)", sourceLocation: sourceLocation)
  }
}
