public import Schema

/// The converters of every format, by format id.
public enum Converters {
  /// Every converter the registry ships.
  public static let all: [any FormatConverter] = [
    V2Identity(),
    SGLangV1Converter(),
    NamedFieldConverter(),
    DynamoConverter(),
    SparkConverter(),
    SparkrunConverter(),
    VLLMArgsConverter(),
    EngineConfigConverter(),
    VLLMRecipesConverter(),
  ]

  /// The converter of a format (sparkrun is read by its own converter when present, else by
  /// the spark one).
  public static func converter(for format: RecipeFormat) -> (any FormatConverter)? {
    all.first { $0.format == format } ?? all.first { $0.format == format.family }
  }
}

/// v2 to v2: decoding and encoding, so that every path through the hub looks the same.
public struct V2Identity: FormatConverter {
  /// The v2 converter.
  public init() {}
  /// `.v2`.
  public var format: RecipeFormat { .v2 }

  /// Decodes a v2 recipe.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    guard documents.count == 1, let doc = documents.first else {
      return .notOneDocument(file: file, kind: "a v2 recipe file")
    }
    let (recipe, diagnostics) = RecipeV2.decode(doc, file: file)
    return Conversion(value: recipe, diagnostics: diagnostics)
  }

  /// Encodes a v2 recipe canonically.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    Conversion(value: [YAMLDocument(root: recipe.encode())])
  }
}
