public import Schema

/// `sparkrun`: spark-arena/sparkrun recipes (`recipe_version: "2"`, `runtime`, `min_nodes`,
/// `metadata`, `executor_config`), read and written by the shared `SparkTemplateConverter`
/// (the runtime gives the engine when the command does not).
public struct SparkrunConverter: FormatConverter {
  /// The sparkrun converter.
  public init() {}
  /// `.sparkrun`.
  public var format: RecipeFormat { .sparkrun }

  /// Reads a sparkrun recipe into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    SparkTemplateConverter(flavor: .sparkrun).toV2(documents, file: file)
  }

  /// Writes a v2 recipe as a sparkrun recipe.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    SparkTemplateConverter(flavor: .sparkrun).fromV2(recipe)
  }
}
