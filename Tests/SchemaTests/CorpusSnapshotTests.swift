import TestSupport
import Testing

/// The shared corpus beside the checkout holds every file its manifest lists. The tests over
/// the corpus run on the files that are there; the rows this snapshot lacks (saved older
/// versions under `_history/`) are named here, as the reason this test is skipped.
@Suite struct CorpusSnapshotTests {
  @Test(
    .requiresCorpus,
    .enabled(
      if: Corpus.absentEntries().isEmpty,
      Comment(
        rawValue: "absent from this corpus snapshot: "
          + Corpus.absentEntries().map { $0.file.dropFirst(Corpus.root.count + 1) }.joined(
            separator: ", "))))
  func everyManifestRowIsThere() {
    #expect(Corpus.absentEntries().isEmpty)
  }
}
