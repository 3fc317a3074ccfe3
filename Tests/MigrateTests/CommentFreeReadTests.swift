import Migrate
import Schema
import TestSupport
import Testing

/// The index reads recipes with `comments: false`; that must decide exactly what the default
/// read decides: format, validity, every diagnostic and the summary.
@Suite struct CommentFreeReadTests {
  @Test func sameVerdictsDiagnosticsAndSummaries() throws {
    let sources = try Fixtures.allYAMLSources()
    #expect(
      sources.count > 50, "fixtures and corpus should give many files, found \(sources.count)")
    var invalid = 0
    var withDiagnostics = 0
    for (name, bytes) in sources {
      let full = RecipeReader.read(bytes, file: name)
      let bare = RecipeReader.read(bytes, file: name, comments: false)
      #expect(full.format == bare.format && full.formatReason == bare.formatReason, "\(name)")
      #expect(full.isValid == bare.isValid, "\(name)")
      #expect(full.diagnostics == bare.diagnostics, "\(name)")
      #expect(full.summary == bare.summary, "\(name)")
      #expect(full.documents.map(\.root) == bare.documents.map(\.root), "\(name)")
      if !full.isValid { invalid += 1 }
      if !full.diagnostics.isEmpty { withDiagnostics += 1 }
    }
    // Both outcomes are exercised.
    #expect(
      invalid > 5 && withDiagnostics > invalid,
      "invalid: \(invalid), with diagnostics: \(withDiagnostics)")
  }
}
