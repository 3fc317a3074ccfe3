import Foundation
import Launch
import Schema
import TestSupport
import Testing

/// Every embedded recipe, planned for every target: shell and sbatch scripts pass `bash -n`
/// and shellcheck, compose files the Compose Specification schema, DGDs the v1alpha1 CRD
/// schema, engine configs parse. Each tool runs once over all files.
@Suite struct PlannerCorpusTests {
  /// Every embedded recipe planned and rendered for every target into a new temp dir.
  static func renderAll() throws -> (dir: URL, files: [LaunchTarget: [String]]) {
    let dir = try Tools.makeTempDir("corpus")
    var files: [LaunchTarget: [String]] = [:]
    #expect(RealRecipes.all.count == RealRecipes.fileCount, "every embedded recipe reads into v2")
    for (i, entry) in RealRecipes.all.enumerated() {
      let plan = try Planner().plan(
        entry.recipe, reference: RecipeReference(name: entry.recipe.name, file: entry.file),
        options: PlanOptions())
      for target in LaunchTarget.allCases {
        let text = try target.renderer.render(plan).text
        let ext = target == .shell || target == .slurm ? "sh" : "yaml"
        let url = dir.appendingPathComponent("\(i)-\(target.rawValue).\(ext)")
        try Tools.write(text, to: url)
        files[target, default: []].append(url.path)
      }
    }
    return (dir, files)
  }

  @Test("all embedded recipes render on every target; scripts pass bash -n, engine configs parse")
  func allRecipesAllTargets() throws {
    let (dir, files) = try Self.renderAll()
    defer { try? FileManager.default.removeItem(at: dir) }
    let scripts = (files[.shell] ?? []) + (files[.slurm] ?? [])
    #expect(scripts.count == 2 * RealRecipes.all.count)

    let syntax = try Tools.run(
      ["/bin/bash", "-c", "rc=0; for f; do bash -n \"$f\" || rc=1; done; exit $rc", "bash-n"]
        + scripts)
    #expect(syntax.status == 0, "bash -n:\n\(syntax.output)")

    for path in files[.engineConfig] ?? [] {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let root = try YAML.parse(text).root
      #expect(root.mapping != nil, "\(path) is not a mapping")
    }
  }

  @Test("the shell and sbatch scripts of all embedded recipes pass shellcheck", .requiresShellcheck)
  func allScriptsPassShellcheck() throws {
    let (dir, files) = try Self.renderAll()
    defer { try? FileManager.default.removeItem(at: dir) }
    let scripts = (files[.shell] ?? []) + (files[.slurm] ?? [])
    let shellcheck = try #require(Subprocess.which("shellcheck"))
    // Two shellcheck processes over batches of files (it is CPU-bound); a generous bound.
    let r = try Tools.run(
      [
        "/bin/bash", "-c", "printf '%s\\0' \"$@\" | xargs -0 -P 2 -n 24 \"$0\" --shell=bash",
        shellcheck,
      ] + scripts,
      timeout: 1_200)
    #expect(r.status == 0, "shellcheck:\n\(r.output)")
  }

  @Test(
    "the compose files of all embedded recipes match the Compose Specification",
    .requiresJSONSchema("compose-spec.json"))
  func allComposeFilesValidate() throws {
    try Self.validate(.compose, schema: "compose-spec.json")
  }

  @Test(
    "the DGDs of all embedded recipes match the v1alpha1 CRD schema",
    .requiresJSONSchema("dgd-v1alpha1.openapi.strict.json"))
  func allDGDsValidate() throws {
    try Self.validate(.k8s, schema: "dgd-v1alpha1.openapi.strict.json")
  }

  static func validate(_ target: LaunchTarget, schema: String) throws {
    let (dir, files) = try renderAll()
    defer { try? FileManager.default.removeItem(at: dir) }
    let schemaPath = try #require(Tools.sharedSchema(schema))
    let tool = try #require(Subprocess.which("check-jsonschema"))
    let r = try Tools.run([tool, "--schemafile", schemaPath] + (files[target] ?? []), timeout: 300)
    #expect(r.status == 0, "check-jsonschema \(schema):\n\(r.output)")
  }
}
