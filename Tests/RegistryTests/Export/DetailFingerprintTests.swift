import Migrate
import Schema
import Testing

@testable import Export
@testable import Registry

/// The detail cache's fingerprint: a function of its inputs only, different when any of them
/// differs, the same in every process of one build, and its probe recipes really go through
/// the readers and the v1 converter.
@Suite struct DetailFingerprintTests {
  @Test func changesWhenAnyInputChanges() {
    let base = DetailFingerprint.current
    var variants: [(String, DetailFingerprint)] = []
    func variant(_ label: String, _ change: (inout DetailFingerprint) -> Void) {
      var f = base
      change(&f)
      variants.append((label, f))
    }
    variant("version") { $0.detailVersion += 1 }
    variant("index schema") { $0.indexSchema += 1 }
    variant("reader revision") { $0.readerRevision += "x" }
    variant("formats") { $0.formats.removeLast() }
    variant("a catalog's text") { f in
      let path = f.catalogs.keys.sorted()[0]
      f.catalogs[path]! += "\n"
    }
    variant("a catalog more") { $0.catalogs["sglang/99.0.0.tsv"] = "" }
    variant("a spec's text") { f in
      let path = f.specs.keys.sorted()[0]
      f.specs[path]! += "#"
    }
    variant("probe") { $0.probe += " " }
    // Moving a byte from one field to the next is a different input too.
    variant("field boundary") { f in
      f.formats[0] += String(f.formats[1].removeFirst())
    }
    #expect(!base.catalogs.isEmpty && !base.specs.isEmpty && base.formats.count > 1)
    var seen: Set<String> = [base.text]
    for (label, f) in variants {
      #expect(f.text != base.text, "the fingerprint ignores \(label)")
      seen.insert(f.text)
    }
    #expect(seen.count == variants.count + 1)
    #expect(DetailFingerprint.current.text == base.text)
    #expect(IndexExporter.detailFingerprint == base.text)
  }

  @Test func namesTheVersionsInItsText() {
    let text = DetailFingerprint.current.text
    #expect(
      text.hasPrefix(
        "index-\(IndexExporter.schemaVersion).details-\(DetailFingerprint.version).\(IndexFingerprint.readerRevision).inputs-"
      ))
    #expect(!text.contains(" ") && !text.contains("\n"))
  }

  @Test func isTheSameInAnotherProcess() async throws {
    // The child process (this test binary again) prints its fingerprint; a value that depended
    // on a per-process seed (Swift's Hasher) or on the order of a dictionary would differ.
    let result = try #require(
      await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
        print(IndexExporter.detailFingerprint)
      })
    let child = String(decoding: result.standardOutputContent, as: UTF8.self)
    #expect(child == IndexExporter.detailFingerprint + "\n")
  }

  @Test func probeRecipesAreReadAndConverted() {
    let reads = DetailFingerprint.probeRecipes.enumerated().map { i, text in
      RecipeReader.read(Array(text.utf8), file: "probe-\(i).yaml")
    }
    #expect(reads.map(\.format) == [.sglangV1, .v2])
    for read in reads {
      #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
      let (v2, notes) = read.importedV2()
      #expect(v2 != nil)
      #expect(!notes.hasErrors)
    }
    #expect(DetailFingerprint.probeFragments().contains("\"recipe\":{"))
  }
}
