import Foundation
import Schema
import SyntheticData
import TestSupport
import Testing

@testable import Export
@testable import Registry

/// The static index: pin history from git, file naming, stale files, escaping in the page,
/// and the page's filter speed with 10 000 recipes in headless Chromium.
@Suite struct IndexExportTests {
  static func recipe(
    name: String, version: String, image: String, gpu: String = "gb200", args: String = ""
  ) -> String {
    """
    schema: v2
    name: \(name)
    model:
      path: org/model-a
      precision: fp8
    engine:
      name: sglang
      version: "\(version)"
      image: \(image)
    resources:
      gpu_type: \(gpu)
      gpus_per_node: 4
    topology:
      aggregated:
        nodes: 1
        workers: 1
    serving:
      tensor_parallel_size: 4
    env:
      NCCL_DEBUG: "WARN it's"
    \(args)
    """
  }

  static func temp(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
      .path
  }

  static func json(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func pinHistoryListsCommitsThatChangedVersionOrImage() throws {
    let git = try GitFixture()
    let repo = try git.makeRepo()
    try git.write("registry.yaml", "root: recipes\n", in: repo)
    let file = "recipes/a.yaml"
    try git.write(file, Self.recipe(name: "a", version: "0.5.6", image: "img:v0.5.6"), in: repo)
    let c1 = try git.commitAll("Add a", in: repo)
    try git.write(
      file, Self.recipe(name: "a", version: "0.5.6", image: "img:v0.5.6", gpu: "gb300"), in: repo)
    try git.commitAll("Move a to GB300", in: repo)  // not a pin change
    try git.write(
      file, Self.recipe(name: "a", version: "0.5.8", image: "img:v0.5.8", gpu: "gb300"), in: repo)
    let c3 = try git.commitAll("Bump a to 0.5.8", in: repo)
    try git.write(
      "recipes/b.yaml", Self.recipe(name: "b", version: "0.5.8", image: "img:v0.5.8"), in: repo)
    try git.commitAll("Add b", in: repo)

    let out = Self.temp("export-history")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let registry = try RecipeRegistry.open(at: repo)
    _ = try IndexExporter(registry: registry).export(rev: "HEAD", to: out)
    let doc = try Self.json(out + "/recipes/a.json")
    let history = try #require(doc["history"] as? [String: Any])
    let changes = try #require(history["changes"] as? [[String: Any]])
    #expect(changes.map { $0["commit"] as? String } == [c3, c1])
    #expect(changes.map { $0["change"] as? String } == ["changed", "added"])
    #expect(changes.map { $0["engineVersion"] as? String } == ["0.5.8", "0.5.6"])
    #expect(changes.first?["subject"] as? String == "Bump a to 0.5.8")
    #expect(history["examined"] as? Int == 3)
    #expect(history["truncated"] as? Bool == false)

    // A limit of 1: only the newest commit is examined, and the history says it is cut.
    _ = try IndexExporter(registry: registry, options: .init(historyLimit: 1)).export(
      rev: "HEAD", to: out)
    let cut = try #require(try Self.json(out + "/recipes/a.json")["history"] as? [String: Any])
    #expect(cut["truncated"] as? Bool == true)
    #expect((cut["changes"] as? [[String: Any]])?.map { $0["change"] as? String } == ["earliest"])

    // Launch: the engine command line with quoted env, and the plan targets.
    let launch = try #require(doc["launch"] as? [String: Any])
    #expect(Set(launch.keys) == ["engine", "shell", "compose", "slurm", "k8s"])
    let engine = try #require(launch["engine"] as? [String: Any])
    let role = try #require((engine["roles"] as? [[String: Any]])?.first)
    #expect(role["role"] as? String == "aggregated")
    #expect(
      role["command"] as? String
        == #"NCCL_DEBUG='WARN it'\''s' python3 -m sglang.launch_server --model-path org/model-a --tp-size 4"#
        || (role["command"] as? String ?? "").hasPrefix(
          #"NCCL_DEBUG='WARN it'\''s' python3 -m sglang.launch_server --model-path org/model-a"#)
    )
    #expect((doc["recipe"] as? [String: Any])?["schema"] as? String == "v2")

    // Moving back in time removes the documents of recipes that did not exist yet.
    _ = try IndexExporter(registry: registry).export(rev: c3, to: out)
    #expect(!FileManager.default.fileExists(atPath: out + "/recipes/b.json"))
    #expect(FileManager.default.fileExists(atPath: out + "/recipes/a.json"))
  }

  @Test func unsafeOrDuplicateNamesGetBlobQualifiedFileNames() {
    func entry(_ name: String, _ blob: String) -> CatalogEntry {
      var e = try! CatalogEntryFixture.make(name: name)
      e.blob = blob
      return e
    }
    let a = String(repeating: "a", count: 40)
    let b = String(repeating: "b", count: 40)
    let c = String(repeating: "c", count: 40)
    let paths = IndexExporter.documentPaths([
      entry("x", a), entry("x", b), entry("../etc/passwd", c), entry("ok-1.2", c),
    ])
    #expect(
      paths == [
        "recipes/x~aaaaaaaaaaaa.json", "recipes/x~bbbbbbbbbbbb.json",
        "recipes/.._etc_passwd~cccccccccccc.json",
        "recipes/ok-1.2.json",
      ])
  }

  @Test func inlinedDataCannotCloseItsScriptElement() {
    let hostile = #"{"recipes":[{"name":"</script><script>alert(1)</script><!--"}]}"#
    let html = SitePage.html(catalogJSON: hostile, metaJSON: "{}", documents: [hostile])
    #expect(!html.contains("<script>alert(1)"))
    #expect(!html.contains("<!--"))
    #expect(html.contains(#"\u003c/script>\u003cscript>alert(1)"#))
    // Data reaches the DOM only through textContent.
    #expect(!html.contains("innerHTML"))
  }

  /// 10 000 synthetic recipes: the GPU filter in headless Chromium shows exactly the matching
  /// rows, on load, after repeated applications and with "Show all". How long it takes is a
  /// figure of the Benchmarks package (`scripts/bench --only site`), not an assertion here: a
  /// time budget failed on loaded machines.
  @Test(.requiresBrowser)
  func pageFiltersTenThousandRecipes() throws {
    let browser = try HeadlessBrowser.path()
    let dir = Self.temp("site-10k")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try SyntheticRegistry.generate(at: dir + "/registry.git", count: 10_000, seed: 5)
    let registry = try RecipeRegistry.open(at: dir + "/registry.git")
    let result = try IndexExporter(registry: registry, options: .init(history: false)).catalog(
      rev: "HEAD")
    let site = dir + "/site"
    try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
    try Data(
      SitePage.html(catalogJSON: result.catalogJSON, metaJSON: result.metaJSON, documents: nil).utf8
    )
    .write(to: URL(fileURLWithPath: site + "/index.html"))
    // In catalog order, as the page lists them.
    let expected = result.entries.filter { $0.gpuType?.lowercased() == "h200" && $0.valid }.map(
      \.name)
    #expect(expected.count > 500)

    let server = try StaticServer(directory: site)
    let dom = try HeadlessBrowser.dumpDOM(browser, url: server.url("index.html?gpu=h200"))
    let rows = SiteDOM.rows(dom)
    #expect(rows.count == 10_000)
    // The first 200 matches are displayed, and the count says how many match.
    #expect(rows.filter { !$0.hidden }.map(\.name) == Array(expected.prefix(200)))
    #expect(SiteDOM.bodyData(dom, "shown") == String(expected.count))
    #expect(dom.contains("\(expected.count) of 10000 recipes match; showing the first 200"))
    print(
      "first filter of 10000 rows by GPU on load: \(SiteDOM.bodyData(dom, "filter-ms") ?? "?") ms")

    // Cleared and applied again 9 times (the page's ?bench mode), the same rows are shown.
    let repeated = try HeadlessBrowser.dumpDOM(
      browser, url: server.url("index.html?gpu=h200&bench=9"))
    #expect(
      SiteDOM.rows(repeated).filter { !$0.hidden }.map(\.name) == Array(expected.prefix(200)))

    // "Show all" (show=all in the URL) displays every match.
    let all = try HeadlessBrowser.dumpDOM(browser, url: server.url("index.html?gpu=h200&show=all"))
    #expect(SiteDOM.rows(all).filter { !$0.hidden }.map(\.name) == expected)
    print(
      "the same with all \(expected.count) matches displayed (first filter on load): \(SiteDOM.bodyData(all, "filter-ms") ?? "?") ms"
    )
  }
}

/// Builds catalog entries without an index.
enum CatalogEntryFixture {
  static func make(name: String) throws -> CatalogEntry {
    let json =
      #"{"name":"\#(name)","format":"v2","path":"recipes/x.yaml","blob":"\#(String(repeating: "0", count: 40))","valid":true}"#
    return try JSONDecoder().decode(CatalogEntry.self, from: Data(json.utf8))
  }
}
