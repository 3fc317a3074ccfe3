import Foundation
import TestSupport
import Launch
import Schema
import Testing

/// Every embedded recipe, planned for every target: shell and sbatch scripts pass `bash -n`
/// and shellcheck, compose files the Compose Specification schema, DGDs the v1alpha1 CRD
/// schema, engine configs parse. Each tool runs once over all files.
@Suite struct PlannerCorpusTests {
  @Test("all embedded recipes render on every target and pass the checkers")
  func allRecipesAllTargets() throws {
    let dir = try Tools.makeTempDir("corpus")
    defer { try? FileManager.default.removeItem(at: dir) }
    var files: [LaunchTarget: [String]] = [:]
    #expect(RealRecipes.all.count == RealRecipes.fileCount, "every embedded recipe reads into v2")
    for (i, entry) in RealRecipes.all.enumerated() {
      let plan = try Planner().plan(entry.recipe, reference: RecipeReference(name: entry.recipe.name, file: entry.file), options: PlanOptions())
      for target in LaunchTarget.allCases {
        let text = try target.renderer.render(plan).text
        let ext = target == .shell || target == .slurm ? "sh" : "yaml"
        let url = dir.appendingPathComponent("\(i)-\(target.rawValue).\(ext)")
        try Tools.write(text, to: url)
        files[target, default: []].append(url.path)
      }
    }
    let scripts = (files[.shell] ?? []) + (files[.slurm] ?? [])
    #expect(scripts.count == 2 * RealRecipes.all.count)

    let syntax = try Tools.run(["/bin/bash", "-c", "rc=0; for f; do bash -n \"$f\" || rc=1; done; exit $rc", "bash-n"] + scripts)
    #expect(syntax.status == 0, "bash -n:\n\(syntax.output)")
    if let shellcheck = Subprocess.which("shellcheck") {
      // Two shellcheck processes over batches of files (it is CPU-bound); a generous bound.
      let r = try Tools.run(
        ["/bin/bash", "-c", "printf '%s\\0' \"$@\" | xargs -0 -P 2 -n 24 \"$0\" --shell=bash", shellcheck] + scripts,
        timeout: 1_200)
      #expect(r.status == 0, "shellcheck:\n\(r.output)")
    } else {
      print("skipped: shellcheck is not installed")
    }

    for (target, schema) in [(LaunchTarget.compose, "compose-spec.json"), (.k8s, "dgd-v1alpha1.openapi.strict.json")] {
      guard let schemaPath = Tools.sharedSchema(schema) else {
        print("skipped: ../shared/schemas/\(schema) not found beside the package")
        continue
      }
      guard let tool = Subprocess.which("check-jsonschema") else {
        print("skipped: check-jsonschema is not installed")
        continue
      }
      let r = try Tools.run([tool, "--schemafile", schemaPath] + (files[target] ?? []), timeout: 300)
      #expect(r.status == 0, "check-jsonschema \(schema):\n\(r.output)")
    }

    for path in files[.engineConfig] ?? [] {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let root = try YAML.parse(text).root
      #expect(root.mapping != nil, "\(path) is not a mapping")
    }
  }
}
