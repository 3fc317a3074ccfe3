import Foundation
import Migrate
import Schema
import TestSupport
import Testing

@testable import Registry

/// A registry in a temporary folder for publish/history tests, plus helpers.
final class PublishFixture {
  let git: GitFixture
  let author = Signature(name: "Ada Author", email: "ada@example.com", time: 1_700_000_000)

  init() throws { git = try GitFixture() }

  /// A new registry (bare or not) with root `recipes`.
  func registry(_ name: String = "reg.git", bare: Bool = true) throws -> RecipeRegistry {
    try RecipeRegistry.initialize(at: git.path(name), bare: bare, author: author)
  }

  /// A v2 recipe text with comments.
  static func v2(
    _ name: String, version: String = "0.5.5", model: String = "deepseek-ai/DeepSeek-R1"
  ) -> String {
    SampleRecipes.v2(name, version: version, model: model)
  }

  func input(_ text: String, file: String = "recipe.yaml") -> RecipePublisher.Input {
    RecipePublisher.Input(file: file, bytes: Array(text.utf8))
  }

  /// The built `registry` executable; fails the calling test, naming the paths looked at,
  /// when it is not built.
  static func cli() throws -> String { try RegistryBinary.path() }
}

extension Trait where Self == ConditionTrait {
  /// This build registers the sglang-v1 converter.
  static var requiresV1Converter: Self {
    .enabled(
      if: Converters.converter(for: .sglangV1) != nil,
      "no sglang-v1 converter is registered in this build")
  }
}
