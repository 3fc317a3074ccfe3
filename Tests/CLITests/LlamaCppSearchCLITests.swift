import Foundation
import TestSupport
import Testing

/// llama.cpp build numbers as engine versions through the built binary: the corpus's
/// sparkrun llama-cpp recipes (image tag `b8094-cu131`) published into a temp registry are
/// found by `search --engine llama-cpp --engine-version '>=b8000'`, and by no range of the
/// other scheme.
@Suite(.enabled(if: Corpus.skipReason == nil, "corpus not present"))
struct LlamaCppSearchCLITests {
  static let recipes = Corpus.root + "/scitrera+oss-spark-run/recipes"

  /// A bare registry in `dir` with `files` published into it, one commit each.
  static func registry(in dir: String, publishing files: [String]) throws -> String {
    let repo = dir + "/reg.git"
    let author = "Ada Author <ada@example.com>"
    #expect(try RegistryBinary.run(["init", repo, "--bare", "--author", author]).status == 0)
    for file in files {
      let out = try RegistryBinary.run(["publish", file, "--repo", repo, "--author", author])
      #expect(out.status == 0, "\(out)")
    }
    return repo
  }

  @Test("search --engine-version takes llama.cpp build ranges")
  func buildRanges() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = try Self.registry(
      in: dir,
      publishing: [
        Self.recipes + "/qwen3/qwen3-1.7b-llama-cpp.yaml",
        Self.recipes + "/qwen3.5-gguf/qwen3.5-397b-gguf-q3km-llama-cpp.yaml",
      ])
    func found(_ args: [String]) throws -> [Substring] {
      let r = try RegistryBinary.run(["search"] + args + ["--repo", repo, "-o", "paths"])
      #expect(r.status == 0, "\(r)")
      return r.stdout.split(separator: "\n")
    }
    let both = try found(["--engine", "llama-cpp", "--engine-version", ">=b8000"])
    #expect(both.count == 2 && both.allSatisfy { $0.contains("/llama-cpp/") }, "\(both)")
    #expect(try found(["--engine-version", "=b8094"]).count == 2)
    #expect(try found(["--engine-version", ">=b8000,<b8094"]).isEmpty)
    #expect(try found(["--engine-version", ">=b8095"]).isEmpty)
    // A PEP 440 range never orders a build.
    #expect(try found(["--engine-version", ">=0.1"]).isEmpty)
    let bad = try RegistryBinary.run(["search", "--engine-version", "~b8094", "--repo", repo])
    #expect(bad.status == 64 && bad.stderr.contains("build number"), "\(bad)")
  }

  @Test(
    "the site's version filter takes build ranges and keeps them apart from PEP 440 ones",
    .requiresBrowser)
  func siteFiltersBuilds() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = try Self.registry(
      in: dir,
      publishing: [
        Self.recipes + "/qwen3/qwen3-1.7b-llama-cpp.yaml",
        PackageRoot.path("Tests/MigrateTests/Fixtures/lint/pass/sglang-agg-clean.yaml"),
      ])
    let site = dir + "/site"
    let built = try RegistryBinary.run(["site", "-o", site, "--repo", repo])
    #expect(built.status == 0, "\(built)")
    let browser = try HeadlessBrowser.path()
    func shown(_ range: String) throws -> [String] {
      let query = range.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? range
      let dom = try HeadlessBrowser.dumpDOM(
        browser, url: "file://\(site)/index.html?version=\(query)")
      return SiteDOM.rows(dom).filter { !$0.hidden }.map(\.name).sorted()
    }
    #expect(try shown(">=b8000") == ["qwen3-1.7b-llama-cpp"])
    #expect(try shown(">=b8095").isEmpty)
    let pep = try shown(">=0.1")
    #expect(pep.count == 1 && !pep.contains("qwen3-1.7b-llama-cpp"), "\(pep)")
  }
}
