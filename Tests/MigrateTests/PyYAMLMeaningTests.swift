import Foundation
import Migrate
import Schema
import TestSupport
import Testing

/// Every upstream tool reads recipes with PyYAML (YAML 1.1); `registry` reads YAML 1.2. A
/// converted file must mean the same to both: every output of a conversion that claims
/// equality (no error, no loss) reads alike under PyYAML and YAML 1.2, and converted back to
/// the source's format reads under PyYAML as the source does (scripts/pyyaml-compare.py does
/// the reading; scripts/pyyaml-meaning runs the same check with a built binary).
@Suite struct PyYAMLMeaningTests {
  /// python3 with PyYAML, when installed.
  static let python: String? = {
    guard let p = Subprocess.which("python3"),
      let r = try? Subprocess.run(p, ["-c", "import yaml"]), r.status == 0
    else { return nil }
    return p
  }()

  /// The fixtures, and the corpus when ../shared is there.
  static func inputs() -> [String] {
    var roots = [
      "Tests/SchemaTests/Fixtures/v1", "Tests/SchemaTests/Fixtures/v2",
      "Tests/MigrateTests/Fixtures",
    ]
    .map(PackageRoot.path)
    if Corpus.skipReason == nil { roots.append(Corpus.root) }
    var missing: [String] = []
    return RecipeFiles.list(roots, missing: &missing)
  }

  static let targets: [RecipeFormat] = [
    .v2, .sglangV1, .vllmArgs, .engineConfig, .spark, .sparkrun, .namedField, .dynamo,
  ]

  static func claimsEquality(_ o: ConvertOutcome) -> Bool {
    o.succeeded && o.losses.isEmpty && !o.text.isEmpty
  }

  @Test(.enabled(if: python != nil, "needs python3 with PyYAML (pip install pyyaml)"))
  func convertedFilesMeanTheSameUnderPyYAML() throws {
    if let reason = Corpus.skipReason { print("fixtures only, the corpus is not read: \(reason)") }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pyyaml-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var jobs = ""
    var n = 0
    for file in Self.inputs() {
      guard let bytes = RecipeFiles.read(file) else { continue }
      for target in Self.targets {
        let out = ConvertFrontend.convert(bytes: bytes, file: file, to: target)
        guard Self.claimsEquality(out) else { continue }
        n += 1
        let outPath = dir + "/out-\(n).yaml"
        try out.text.write(toFile: outPath, atomically: false, encoding: .utf8)
        jobs += "out\t\(file)\t\(outPath)\n"
        let back = ConvertFrontend.convert(
          bytes: Array(out.text.utf8), file: outPath, from: target, to: out.source)
        guard Self.claimsEquality(back) else { continue }
        let backPath = dir + "/back-\(n).yaml"
        try back.text.write(toFile: backPath, atomically: false, encoding: .utf8)
        jobs += "back\t\(file)\t\(backPath)\n"
      }
    }
    // The fixtures alone convert to more than 10 outputs; with the corpus, several hundred.
    #expect(n > (Corpus.skipReason == nil ? 300 : 10))
    try jobs.write(toFile: dir + "/jobs.tsv", atomically: false, encoding: .utf8)
    let r = try Subprocess.run(
      try #require(Self.python), [PackageRoot.path("scripts/pyyaml-compare.py"), dir + "/jobs.tsv"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    let problems = lines.filter { !$0.hasPrefix("#") }
    print(lines.last ?? "no summary")
    #expect(
      problems.isEmpty,
      "\(problems.count) outputs read differently under PyYAML:\n\(problems.joined(separator: "\n"))"
    )
    #expect(lines.last?.hasPrefix("# jobs=\(jobs.split(separator: "\n").count) ") == true)
  }
}
