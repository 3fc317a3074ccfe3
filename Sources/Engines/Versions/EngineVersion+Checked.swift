package import Schema

extension EngineVersion {
  /// The version to check a recipe against and where it came from: the override
  /// (`--engine-version`), `engine.version`, or the version named by the image tag.
  package static func checked(_ recipe: RecipeV2, override: EngineVersion?) -> (
    EngineVersion?, String?
  ) {
    if let override { return (override, "--engine-version") }
    if let text = recipe.engine.version, let v = EngineVersion(text) {
      return (v, "engine.version")
    }
    if let image = recipe.engine.image, let v = ContainerImage(image).engineVersion {
      return (v, "engine.image")
    }
    return (nil, nil)
  }
}
