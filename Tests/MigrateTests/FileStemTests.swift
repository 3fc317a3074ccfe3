import Testing

@testable import Migrate

/// A recipe without a name is named after its file: the last path component without its
/// extension (a leading dot is part of the name, trailing slashes are ignored).
@Suite struct FileStemTests {
  @Test(arguments: [
    ("recipes/org/model/sglang/agg-fp8.yaml", "agg-fp8"), ("agg.yaml", "agg"), ("agg", "agg"),
    ("a/b.c.d", "b.c"), ("a/.hidden", ".hidden"), ("a/b/", "b"), ("a/b.yaml//", "b"), ("/", "/"),
    ("", ""), ("dir.v2/recipe", "recipe"), ("modèles/ñandú.yml", "ñandú"), ("a/.", "."),
  ])
  func stems(_ path: String, _ stem: String) {
    #expect(RecipeReader.fileStem(path) == stem, "\(path)")
  }
}
