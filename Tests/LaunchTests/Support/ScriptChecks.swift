import Foundation
import TestSupport
import Testing

/// `bash -n` and `shellcheck` on rendered scripts; YAML schema checks with check-jsonschema.
enum ScriptChecks {
  /// Fails the test when `bash -n` rejects the script.
  static func bashSyntax(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  {
    let r = try Tools.run(["/bin/bash", "-n"], stdin: script)
    #expect(r.status == 0, "bash -n failed:\n\(r.output)", sourceLocation: sourceLocation)
  }

  /// Fails the test on any shellcheck finding, or when shellcheck is not installed (a test
  /// calling this declares `.requiresShellcheck`, so it is skipped with the reason instead).
  static func shellcheck(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  {
    guard let tool = Subprocess.which("shellcheck") else {
      throw ToolMissing(what: "shellcheck")
    }
    let r = try Tools.run([tool, "--shell=bash", "-"], stdin: script)
    #expect(r.status == 0, "shellcheck findings:\n\(r.output)", sourceLocation: sourceLocation)
  }

  /// Validates one YAML document against a JSON schema under `../shared/schemas`; fails when
  /// the schema or check-jsonschema is absent (a test calling this declares
  /// `.requiresJSONSchema(name)`, so it is skipped with the reason instead).
  static func jsonSchema(
    _ yaml: String, schema name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    guard let schema = Tools.sharedSchema(name) else {
      throw ToolMissing(what: "../shared/schemas/\(name)")
    }
    guard let tool = Subprocess.which("check-jsonschema") else {
      throw ToolMissing(what: "check-jsonschema")
    }
    let dir = try Tools.makeTempDir("schema")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("doc.yaml")
    try Tools.write(yaml, to: file)
    let r = try Tools.run([tool, "--schemafile", schema, file.path], timeout: 120)
    #expect(
      r.status == 0, "check-jsonschema \(name) failed:\n\(r.output)\n---\n\(yaml)",
      sourceLocation: sourceLocation)
  }

  /// A checker a test needs but did not declare as a requirement.
  struct ToolMissing: Error, CustomStringConvertible {
    var what: String
    var description: String {
      "\(what) is not there; declare it as a trait of the test so it is skipped"
    }
  }
}

extension Trait where Self == ConditionTrait {
  /// shellcheck is on PATH (scripts/setup installs it).
  static var requiresShellcheck: Self {
    .requiresTool("shellcheck", install: "scripts/setup installs it")
  }

  /// check-jsonschema is on PATH and `../shared/schemas/NAME` is there.
  static func requiresJSONSchema(_ name: String) -> Self {
    .enabled(
      if: Machine.has("check-jsonschema") && Shared.schema(name) != nil,
      Comment(
        rawValue:
          "needs check-jsonschema on PATH (scripts/setup installs it) and \(Shared.root)/schemas/\(name)"
      ))
  }
}
