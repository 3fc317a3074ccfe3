public import Schema

/// `spark`: eugr/spark-vllm-docker recipes (seed 002, `recipe_version: "1"`), read and written
/// by the shared `SparkTemplateConverter`.
public struct SparkConverter: FormatConverter {
  /// The spark converter.
  public init() {}
  /// `.spark`.
  public var format: RecipeFormat { .spark }

  /// Reads a spark recipe into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    SparkTemplateConverter(flavor: .spark).toV2(documents, file: file)
  }

  /// Writes a v2 recipe as a spark recipe.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    SparkTemplateConverter(flavor: .spark).fromV2(recipe)
  }
}
