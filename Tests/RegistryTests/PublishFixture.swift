import Foundation
import Migrate
import Schema
import TestSupport

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
  static func v2(_ name: String, version: String = "0.5.5", model: String = "deepseek-ai/DeepSeek-R1") -> String {
    SampleRecipes.v2(name, version: version, model: model)
  }

  func input(_ text: String, file: String = "recipe.yaml") -> RecipePublisher.Input {
    RecipePublisher.Input(file: file, bytes: Array(text.utf8))
  }

  /// `cliPath()`, or nil after printing that the calling test is skipped.
  static func cliOrSkip() -> String? {
    if let path = cliPath() { return path }
    print("skipped: the registry executable is not built next to the tests")
    return nil
  }

  /// Whether this build has the sglang-v1 converter; else prints that the calling test is
  /// skipped.
  static func v1ConverterOrSkip() -> Bool {
    if Converters.converter(for: .sglangV1) != nil { return true }
    print("skipped: no sglang-v1 converter is registered in this build")
    return false
  }

  /// The `registry` executable built next to the tests.
  static func cliPath() -> String? {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("registry").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir.deleteLastPathComponent()
    }
    return nil
  }
}
