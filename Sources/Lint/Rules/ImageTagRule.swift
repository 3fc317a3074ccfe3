import Engines
import Schema

/// The container image against the engine pin: a tag that moves (`:latest`, `nightly`, no tag;
/// `moving-image-tag`) and a tag naming another engine version than the one checked
/// (`image-version-mismatch`). Both warnings; a digest pins the bytes and passes the first.
public struct ImageTagRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["moving-image-tag", "image-version-mismatch"] }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    guard let reference = context.recipe.engine.image else { return }
    let image = ContainerImage(reference)
    if image.isMovingTag, !image.isPinnedByDigest {
      context.report(
        .warning, code: "moving-image-tag",
        "image '\(reference)' has a moving tag (\(image.tag ?? "none, so latest")); the engine inside changes under the recipe",
        at: "engine.image",
        hint: context.version.map {
          "pin a release tag, e.g. \(image.repository):v\($0.normalized)"
        } ?? "pin a release tag or a digest (@sha256:...)")
    }
    guard let tagged = image.engineVersion, let version = context.version,
      context.versionSource != "engine.image", tagged != version
    else { return }
    let what = context.isTargetOverride ? "the target version" : "engine.version"
    context.report(
      .warning, code: "image-version-mismatch",
      "image tag '\(image.tag ?? "")' names \(context.engine) \(tagged.normalized) but \(what) is \(version.normalized)",
      at: "engine.image",
      hint:
        "use an image of \(context.engine) \(version.normalized) (e.g. tag \(version.scheme == .build ? "" : "v")\(version.normalized)), or make engine.version \(tagged.normalized)"
    )
  }
}
