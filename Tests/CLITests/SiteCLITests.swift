import Foundation
import TestSupport
import Testing

/// `registry export-index` and `registry site` on the embedded registry, through the built
/// binary: the catalog equals `registry search -o json`, files are deterministic and match
/// spec/index, and the page filters in a real headless Chromium served from 127.0.0.1.
@Suite(.serialized) struct SiteCLITests {
  /// Where screenshots and generated sites are kept after the run (printed in the log):
  /// `test-artifacts/site` beside the build folder of the `registry` binary.
  static func artifacts() throws -> String {
    let dir = URL(fileURLWithPath: try RegistryBinary.path()).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("test-artifacts/site").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static let repo = PackageRoot.url.path

  static func registry(_ args: [String]) throws -> Subprocess.Result {
    let r = try RegistryBinary.run(args + ["--repo", repo])
    #expect(r.status == 0, "registry \(args.joined(separator: " ")): \(r.stderr)")
    return r
  }

  static func temp(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
      .path
  }

  static func json(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Each object re-serialised with sorted keys (so equal objects give equal text).
  static func canonical(_ objects: [[String: Any]], dropping: Set<String> = []) throws -> [String] {
    try objects.map { o in
      let kept = o.filter { !dropping.contains($0.key) }
      return String(
        decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]),
        as: UTF8.self)
    }.sorted()
  }

  @Test func catalogEntriesEqualSearchJSONAtTheSameCommit() throws {
    let out = Self.temp("export-index")
    defer { try? FileManager.default.removeItem(atPath: out) }
    _ = try Self.registry(["export-index", "--no-history", "-o", out])
    let catalog = try Self.json(out + "/catalog.json")
    // search hides deprecated recipes unless asked: both searches together list everything.
    var rows: [[String: Any]] = []
    var commits: Set<String> = []
    for extra in [[], ["--status", "deprecated"]] {
      let r = try Self.registry(["search", "--invalid", "-o", "json"] + extra)
      let doc = try #require(
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
      rows += try #require(doc["recipes"] as? [[String: Any]])
      commits.insert(try #require(doc["commit"] as? String))
    }
    #expect(commits == [try #require(catalog["commit"] as? String)])
    let entries = try #require(catalog["recipes"] as? [[String: Any]])
    #expect(entries.count == catalog["count"] as? Int)
    #expect(entries.count > 40)
    #expect(try Self.canonical(entries) == Self.canonical(rows, dropping: ["errors"]))
    let documents = try #require(catalog["documents"] as? [String])
    #expect(documents.count == entries.count)
    for (entry, doc) in zip(entries, documents) {
      let detail = try Self.json(out + "/" + doc)
      #expect(
        try Self.canonical([try #require(detail["entry"] as? [String: Any])])
          == Self.canonical([entry]))
      #expect(detail["commit"] as? String == catalog["commit"] as? String)
      #expect(detail["history"] is NSNull)
    }
  }

  @Test func exportIsDeterministic() throws {
    let a = Self.temp("export-a")
    let b = Self.temp("export-b")
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    _ = try Self.registry(["export-index", "-o", a])
    let head = try Self.registry(["search", "-o", "json", "--limit", "0"])
    let commit = try #require(
      (try JSONSerialization.jsonObject(with: Data(head.stdout.utf8)) as? [String: Any])?["commit"]
        as? String)
    _ = try Self.registry(["export-index", "--rev", commit, "-o", b])
    let fm = FileManager.default
    let files = try #require(fm.subpaths(atPath: a)).filter { $0.hasSuffix(".json") }.sorted()
    #expect(
      files == (try #require(fm.subpaths(atPath: b))).filter { $0.hasSuffix(".json") }.sorted())
    for f in files {
      #expect(
        fm.contents(atPath: a + "/" + f) == fm.contents(atPath: b + "/" + f),
        "\(f) differs between two exports")
    }
  }

  @Test(.requiresTool("check-jsonschema", install: "scripts/setup installs it"))
  func exportMatchesTheSchemas() throws {
    let a = Self.temp("export-schemas")
    defer { try? FileManager.default.removeItem(atPath: a) }
    _ = try Self.registry(["export-index", "-o", a])
    let files = try #require(FileManager.default.subpaths(atPath: a)).filter {
      $0.hasSuffix(".json")
    }.sorted()
    let tool = try #require(Subprocess.which("check-jsonschema"))
    let spec = PackageRoot.path("spec/index")
    let recipes = files.filter { $0.hasPrefix("recipes/") }.map { a + "/" + $0 }
    #expect(!recipes.isEmpty)
    for (schema, targets) in [
      ("catalog.schema.json", [a + "/catalog.json"]),
      ("index-meta.schema.json", [a + "/index-meta.json"]),
      ("recipe.schema.json", recipes),
    ] {
      let r = try Subprocess.run(tool, ["--schemafile", spec + "/" + schema] + targets)
      #expect(r.status == 0, "\(schema): \(r.stdout)\(r.stderr)")
    }
  }

  @Test(.requiresBrowser)
  func pageFiltersByGPUInHeadlessChromium() throws {
    let browser = try HeadlessBrowser.path()
    let site = try Self.artifacts() + "/embedded"
    try? FileManager.default.removeItem(atPath: site)
    _ = try Self.registry(["site", "-o", site])
    let catalog = try Self.json(site + "/catalog.json")
    let entries = try #require(catalog["recipes"] as? [[String: Any]])
    let expected = entries.filter {
      ($0["gpuType"] as? String)?.lowercased() == "gb200" && $0["valid"] as? Bool == true
    }
    .compactMap { $0["name"] as? String }.sorted()
    #expect(expected.count >= 5)

    let server = try StaticServer(directory: site)
    let url = server.url("index.html?gpu=gb200")
    let dom = try HeadlessBrowser.dumpDOM(browser, url: url)
    let rows = SiteDOM.rows(dom)
    #expect(rows.count == entries.count, "every recipe has a row")
    #expect(rows.filter { !$0.hidden }.map(\.name).sorted() == expected)
    #expect(SiteDOM.bodyData(dom, "shown") == String(expected.count))
    #expect(dom.contains("\(expected.count) of \(entries.count) recipes match<"))
    let png = try Self.artifacts() + "/embedded-gpu-gb200.png"
    try HeadlessBrowser.screenshot(browser, url: url, to: png)
    print("screenshot: \(png)")

    // The same from file:// (the catalog is inlined; no fetch needed).
    let local = try HeadlessBrowser.dumpDOM(
      browser, url: "file://\(site)/index.html?gpu=GB200&engine=sglang")
    let sglang = entries.filter {
      ($0["gpuType"] as? String)?.lowercased() == "gb200" && $0["engine"] as? String == "sglang"
        && $0["valid"] as? Bool == true
    }.compactMap { $0["name"] as? String }.sorted()
    #expect(SiteDOM.rows(local).filter { !$0.hidden }.map(\.name).sorted() == sglang)
  }

  @Test(.requiresBrowser)
  func detailViewShowsRecipeLaunchCommandsAndPinHistory() throws {
    let browser = try HeadlessBrowser.path()
    let inline = try Self.artifacts() + "/embedded"
    if !FileManager.default.fileExists(atPath: inline + "/index.html") {
      _ = try Self.registry(["site", "-o", inline])
    }
    let served = Self.temp("site-not-inlined")
    defer { try? FileManager.default.removeItem(atPath: served) }
    _ = try Self.registry(["site", "--inline-details", "never", "-o", served])
    // A recipe with a v2 form, so it has engine command lines.
    let catalog = try Self.json(inline + "/catalog.json")
    let entries = try #require(catalog["recipes"] as? [[String: Any]])
    let name = try #require(
      entries.first { $0["format"] as? String == "vllm-args" }?["name"] as? String)
    for dir in [inline, served] {
      let server = try StaticServer(directory: dir)
      let dom = try HeadlessBrowser.dumpDOM(browser, url: server.url("index.html#recipe=\(name)"))
      #expect(dom.contains("<h2>\(name)</h2>"), "\(dir): detail view not shown")
      #expect(dom.contains("Engine command line per role"))
      #expect(dom.contains("vllm serve "))
      #expect(dom.contains("registry plan \(name) --target shell"))
      #expect(dom.contains("Pin history"))
      #expect(dom.contains("Recipe (v2)"))
      if dir == inline {
        try HeadlessBrowser.screenshot(
          browser, url: server.url("index.html#recipe=\(name)"),
          to: try Self.artifacts() + "/embedded-detail.png", height: 1400)
      }
    }
  }
}
