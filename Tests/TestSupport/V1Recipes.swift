import Foundation

/// Every v1 recipe file the tests use: fixtures, spec examples and the v1 corpus files.
public enum V1Recipes {
  /// MANIFEST `sglang-v1` rows plus the srt-slurm recipes with other backends (vllm, trtllm,
  /// mocker), without the malformed ones (as `V1CorpusTests` lists them).
  public static var corpus: [Corpus.Entry] {
    Corpus.yamlEntries().filter { e in
      (e.kind == "sglang-v1"
        || (e.source.hasPrefix("NVIDIA/srt-slurm") && e.path.hasPrefix("recipes/")))
        && !e.notes.contains("MALFORMED")
    }
  }

  /// Valid v1 fixtures and spec/v1 examples (package-relative paths made absolute).
  /// - Throws: ``Fixtures/Missing`` when a folder of them is not there.
  public static var local: [String] {
    get throws {
      let fixtures = PackageRoot.path("Tests/SchemaTests/Fixtures/v1/valid")
      let examples = PackageRoot.path("spec/v1/examples")
      return try Fixtures.names(in: fixtures).map { fixtures + "/" + $0 }
        + Fixtures.names(in: examples).map { examples + "/" + $0 }
    }
  }

  /// Local files plus the corpus files present on disk.
  public static var all: [String] {
    get throws { try local + corpus.map(\.file) }
  }
}
