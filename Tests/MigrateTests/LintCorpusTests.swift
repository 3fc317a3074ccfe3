import Engines
import Foundation
import Lint
import Migrate
import Schema
import TestSupport
import Testing

/// Lints real recipes: the shared corpus against each recipe's own pinned version (summary
/// checked in as `docs/lint-corpus-report.md`; `RECORD=1` regenerates it), and the embedded
/// registry, which must have no errors.
@Suite struct LintCorpusTests {
  static let store = try! FlagCatalogStore(directory: PackageRoot.path("spec/engines"))
  static let reportPath = PackageRoot.path("docs/lint-corpus-report.md")

  @Test(.requiresCorpus)
  func corpusReportIsCurrent() throws {
    let linter = Linter(catalogs: Self.store)
    let results = try Corpus.yamlEntries().map { e in
      linter.lint(RecipeReader.read(try Corpus.bytes(e.file), file: e.file))
    }
    #expect(results.count > 100)
    let report = LintReport.markdown(
      results, title: "Lint report: shared corpus", relativeTo: Corpus.root)
    if ProcessInfo.processInfo.environment["RECORD"] == "1" {
      try FileManager.default.createDirectory(
        atPath: PackageRoot.path("docs"), withIntermediateDirectories: true)
      try report.write(toFile: Self.reportPath, atomically: true, encoding: .utf8)
      print("recorded \(Self.reportPath)")
      return
    }
    let checkedIn = try #require(
      try? Fixtures.text(Self.reportPath), "no \(Self.reportPath); run with RECORD=1")
    #expect(
      checkedIn == report, "the corpus lint findings changed; review and regenerate with RECORD=1")
  }

  @Test func embeddedRegistryHasNoErrors() throws {
    let root = PackageRoot.path("registry/recipes")
    let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(files.count > 10)
    let linter = Linter(catalogs: Self.store)
    for f in files {
      let path = root + "/" + f
      let result = linter.lint(RecipeReader.read(try Fixtures.bytes(path), file: path))
      let errors = result.diagnostics.filter { $0.severity == .error }
      #expect(errors.isEmpty, "\(f):\n\(errors.map(\.description).joined(separator: "\n"))")
    }
  }
}
