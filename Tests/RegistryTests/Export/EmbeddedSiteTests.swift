import TestSupport
import Testing

@testable import Export

/// The page `registry site` writes is `Sources/Export/Site/index.html`, embedded by
/// scripts/embed-resources: the embedded copy equals the file, and holds one data marker.
@Suite struct EmbeddedSiteTests {
  @Test func embeddedCopyEqualsFile() throws {
    let file = try Fixtures.text(PackageRoot.path("Sources/Export/Site/index.html"))
    #expect(
      EmbeddedSite.files["index.html"] == file, "index.html drifted; run scripts/embed-resources")
    #expect(Set(EmbeddedSite.files.keys) == ["index.html"])
  }

  @Test func thePageHasOneDataMarker() {
    #expect(SitePage.template.components(separatedBy: SitePage.marker).count == 2)
    #expect(SitePage.template.hasPrefix("<!doctype html>"))
  }
}
