public import Schema

/// Why ``ReadRecipe/converted(to:)`` could not write a recipe in another format.
public enum RecipeConversionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file gave no v2 recipe (it failed to read or to import).
  case unreadable(file: String, format: RecipeFormat)
  /// No converter writes the target format.
  case noWriter(format: RecipeFormat)
  /// The target's converter gave no documents (its diagnostics say why).
  case unwritable(format: RecipeFormat)

  public var description: String {
    switch self {
    case .unreadable(let file, let format):
      "\(file): cannot read this \(format.rawValue) recipe into v2 to convert it"
    case .noWriter(let format):
      "no converter writes '\(format.rawValue)' yet"
    case .unwritable(let format):
      "cannot write the recipe as \(format.rawValue)"
    }
  }
}
