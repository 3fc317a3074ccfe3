import Migrate
import Schema
import Testing

/// `ReadRecipe.importedV2()` and `converted(to:)`: the one path from a read file to v2 and on
/// to another format (`plan`, `show --as`).
@Suite("read as v2")
struct ReadRecipeV2Tests {
  /// A v1 recipe with a key v1 does not know: its decoder warns, and so does the v1
  /// converter when it decodes the documents again.
  static let v1 = """
    name: "v1-with-unknown-key"
    sglang_version: "0.5.6"
    not_a_v1_key: 1
    model:
      path: "org/m"
    resources:
      gpu_type: "h100"
      gpus_per_node: 8
      agg_nodes: 1
      agg_workers: 1
    sglang_config:
      aggregated:
        tensor-parallel-size: 8
    """

  @Test("a v1 file's decode warnings come once, not again from its import")
  func v1WarningsOnce() throws {
    let read = RecipeReader.read(Array(Self.v1.utf8), file: "v1.yaml")
    #expect(read.format == .sglangV1)
    let warnings = read.diagnostics.filter { $0.severity == .warning }
    try #require(!warnings.isEmpty, "the fixture must make the v1 reader warn")
    // The converter alone repeats them: what the old second conversion printed.
    let again = try #require(Converters.converter(for: .sglangV1)).toV2(
      read.documents, file: read.file)
    #expect(warnings.allSatisfy(again.diagnostics.contains))

    let (recipe, imported) = read.importedV2()
    #expect(recipe?.name == "v1-with-unknown-key")
    #expect(imported.allSatisfy { !read.diagnostics.contains($0) })
    let converted = try read.converted(to: .v2)
    #expect(converted.format == .v2)
    #expect(converted.text.contains("name: v1-with-unknown-key"))
    #expect(converted.diagnostics.allSatisfy { !read.diagnostics.contains($0) })
  }

  @Test("a v2 file is its own v2; converting to v2 gives the recipe back")
  func v2Itself() throws {
    let text =
      "schema: v2\nname: solo\nmodel: {path: org/m}\nengine: {name: vllm}\ntopology: {aggregated: {nodes: 1, workers: 1}}\n"
    let read = RecipeReader.read(Array(text.utf8), file: "solo.yaml")
    let (recipe, imported) = read.importedV2()
    #expect(recipe == read.v2)
    #expect(imported.isEmpty)
    let converted = try read.converted(to: .v2)
    let back = RecipeReader.read(Array(converted.text.utf8), file: "back.yaml")
    #expect(back.v2 == read.v2)
  }

  @Test("a file that gives no v2 recipe cannot be converted")
  func unreadable() {
    let read = RecipeReader.read(Array("just: a mapping\n".utf8), file: "odd.yaml")
    #expect(read.importedV2().recipe == nil)
    #expect(throws: RecipeConversionError.unreadable(file: "odd.yaml", format: read.format)) {
      try read.converted(to: .v2)
    }
  }
}
