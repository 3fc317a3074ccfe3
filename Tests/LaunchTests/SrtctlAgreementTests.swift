import Engines
import Foundation
import Launch
import TestSupport
import Testing

/// `registry plan --target slurm --json` against what NVIDIA srtctl itself launches, for every
/// srt-slurm recipe of the shared corpus and every embedded recipe that came from one (planned
/// by name; srtctl reads its `show --as sglang-v1` export). Per role: flags as name → values,
/// env as a map, container image and mounts (mounts once the plan has them). Every difference
/// is either gone or listed, with its reason, in scripts/oracle/srtctl-exceptions.tsv.
@Suite(.serialized) struct SrtctlAgreementTests {
  struct Case {
    /// Corpus path or `registry/NAME`.
    var id: String
    /// The srt-slurm file srtctl reads.
    var file: String
    /// What `registry plan` is given.
    var recipe: [String]
  }

  static func cases(exportDir: String) throws -> [Case] {
    var out: [Case] = []
    for e in Corpus.yamlEntries() where e.source.hasPrefix("NVIDIA/srt-slurm") {
      let id = String(e.file.dropFirst(Corpus.root.count + 1))
      out.append(Case(id: id, file: e.file, recipe: [e.file]))
    }
    let repo = PackageRoot.url.path
    for entry in RealRecipes.all where entry.recipe.provenance?.sourceFormat == "srt-slurm" {
      let name = entry.recipe.name
      let shown = try RegistryBinary.run([
        "show", name, "--as", "sglang-v1", "--allow-loss", "--repo", repo,
      ])
      try #require(shown.status == 0, "show \(name) --as sglang-v1: \(shown.stderr)")
      let file = exportDir + "/\(name).yaml"
      try shown.stdout.write(toFile: file, atomically: true, encoding: .utf8)
      out.append(Case(id: "registry/" + name, file: file, recipe: [name, "--repo", repo]))
    }
    return out
  }

  @Test(
    "plans agree with srtctl's own launch, or differ only as listed",
    .requiresCorpus,
    .enabled(if: SrtctlOracle.skipReason == nil, Comment(rawValue: SrtctlOracle.skipReason ?? "")),
    .timeLimit(.minutes(30)))
  func plansAgreeWithSrtctl() throws {
    let dir = try Tools.makeTempDir("srtctl")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cases = try Self.cases(exportDir: dir.path)
    #expect(cases.count > 60, "the corpus and the registry hold srt-slurm recipes")
    let upstream = try SrtctlOracle.plan(cases.map(\.file))
    let store = try FlagCatalogStore.embedded()
    let exceptions = try OracleExceptions(file: SrtctlOracle.exceptions)

    var refused: [String] = []
    var compared = 0
    var keys = 0
    var identical = 0
    var notes: Set<String> = []
    var all: [LaunchDifference] = []
    for c in cases {
      guard let theirs = upstream[c.file] else {
        Issue.record("srtctl_plan.py gave nothing for \(c.id)")
        continue
      }
      if let error = theirs["error"] as? String {
        refused.append("\(c.id): \(error.prefix(160))")
        continue
      }
      compared += 1
      let ours = try RegistryBinary.run(["plan"] + c.recipe + ["--target", "slurm", "--json"])
      guard ours.status == 0,
        let plan = try? JSONSerialization.jsonObject(with: Data(ours.stdout.utf8))
          as? [String: Any]
      else {
        let why = ours.stderr.split(separator: "\n").first { $0.contains("error") } ?? "no plan"
        all.append(
          LaunchDifference(
            recipe: c.id, role: "*", key: "plan", ours: "exit \(ours.status): \(why)",
            theirs: "planned"))
        continue
      }
      let names = FlagNames(engine: plan["engine"] as? String ?? "", store: store)
      let ourRoles = PlanJSONRoles.roles(plan, names: names)
      let theirRoles = SrtctlOracle.roles(theirs, names: names)
      var diffs: [LaunchDifference] = []
      for role in Set(ourRoles.keys).union(theirRoles.keys).sorted() {
        guard let o = ourRoles[role], let t = theirRoles[role] else {
          diffs.append(
            LaunchDifference(
              recipe: c.id, role: role, key: "role", ours: ourRoles[role] == nil ? "-" : "runs",
              theirs: theirRoles[role] == nil ? "-" : "runs"))
          continue
        }
        if o.mounts == nil { notes.insert("mounts: not in plan yet") }
        keys += o.keyCount(with: t)
        diffs += o.differences(from: t, recipe: c.id, role: role)
      }
      if diffs.isEmpty { identical += 1 }
      all += diffs
    }

    let unexplained = all.filter { exceptions.rule(for: $0) == nil }
    let explainedRecipes = Set(all.map(\.recipe)).subtracting(unexplained.map(\.recipe))
    let stale = exceptions.rules.filter { r in !all.contains { r.matches($0) } }
    var report = "srtctl agreement: \(identical)/\(compared) recipes identical"
    report += "; \(identical + explainedRecipes.count)/\(compared) identical up to the listed"
    report += " exceptions; \(refused.count) recipes srtctl itself refuses\n"
    report += "keys compared (role × processes/program/image/flag/env): \(keys); "
    report += "differ: \(all.count), all listed: \(unexplained.isEmpty)\n"
    report += "notes: " + (notes.isEmpty ? "none" : notes.sorted().joined(separator: "; ")) + "\n"
    report += "differences by exception section:\n"
    let bySection = Dictionary(grouping: all) { exceptions.rule(for: $0)?.section ?? "NOT LISTED" }
    for (section, ds) in bySection.sorted(by: { $0.value.count > $1.value.count }) {
      let recipes = Set(ds.map(\.recipe)).count
      report += "  \(ds.count) in \(recipes) recipes\t\(section.prefix(110))\n"
    }
    report += "differences by key (count, key, exception line):\n"
    let byKey = Dictionary(grouping: all) { d in
      "\(d.key)\t" + (exceptions.rule(for: d).map { "line \($0.line)" } ?? "NOT LISTED")
    }
    for (key, ds) in byKey.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
      report += "  \(ds.count)\t\(key)\n"
    }
    report += "per difference (recipe, role, key, ours, srtctl's):\n"
    for d in all {
      let tag = exceptions.rule(for: d).map { "line \($0.line)" } ?? "NOT LISTED"
      report += "  [\(tag)] \(d.recipe)\t\(d.role)\t\(d.key)\t\(d.ours)\t\(d.theirs)\n"
    }
    report += "srtctl refuses:\n" + refused.map { "  \($0)\n" }.joined()
    report += "exception rows that match nothing:\n" + stale.map { "  \($0)\n" }.joined()
    print(report)
    try? FileManager.default.createDirectory(
      atPath: PackageRoot.path(".build/oracle-report"), withIntermediateDirectories: true)
    try? report.write(
      toFile: PackageRoot.path(".build/oracle-report/srtctl.txt"), atomically: true,
      encoding: .utf8)

    #expect(compared > 0)
    let summary =
      "\(unexplained.count) differences from srtctl are neither fixed nor listed in "
      + "scripts/oracle/srtctl-exceptions.tsv:\n"
      + unexplained.prefix(40).map(\.description).joined(separator: "\n")
    #expect(unexplained.isEmpty, Comment(rawValue: summary))
  }
}
