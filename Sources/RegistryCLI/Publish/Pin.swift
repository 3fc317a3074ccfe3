import ArgumentParser
import Registry

struct Pin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pin",
    abstract: "Commit a new engine version (and image) for a recipe, edited in place.",
    discussion: """
      Only the version scalar (engine.version in v2, sglang_version in v1) and the image \
      (engine.image / model.container) change: comments and formatting stay byte for byte. \
      Without --image, an image tag that names another version moves with the pin, as \
      'registry upgrade' moves it (a digest is dropped); when the tag names no version \
      (':dev', none, a Dynamo runtime) pin refuses: pass --image. The commit says old -> new and carries Recipe:/Engine: trailers, so \
      'registry history NAME --field engine.version' shows who pinned what, when and why.

      Examples:
        registry pin deepseek-r1-fp8-gb200-disagg --engine-version v0.5.8
        registry pin gpt-oss-120b-solo --engine-version v0.5.8 --image lmsysorg/sglang:v0.5.8-cu130 -m "cu130 for GB200"
      """)

  @Argument(help: "The recipe name.")
  var name: String
  @Option(help: "The engine version to pin, e.g. v0.5.8.")
  var engineVersion: String
  @Option(
    help:
      "The container image to pin with it (default: the current one, its tag moved to the version)."
  )
  var image: String?
  @OptionGroup var commitOptions: CommitOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let registry = try registryOptions.open()
    let report = try RecipePublisher(registry: registry).pin(
      name, engineVersion: engineVersion, image: image, message: commitOptions.message,
      author: try commitOptions.signature(), branch: commitOptions.branch)
    Terminal().out(
      "pinned \(name) to \(engineVersion) in \(report.outcome.commit.abbreviated(12)) (\(report.recipes.first?.path ?? ""))"
    )
  }
}
