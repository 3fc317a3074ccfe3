public import Schema

/// The one importer/exporter behind `spark` (eugr/spark-vllm-docker, seed 002) and `sparkrun`
/// (`recipe_version: "2"`, `runtime`): container + a shell `command` template with `{param}`
/// placeholders and `defaults`.
///
/// Import: the command is read by `CommandTemplate` (program → engine, positional model,
/// flags); placeholders are substituted from `defaults` (and `model`) for the v2 values, named
/// fields go to `serving`, host/port to `launcher`, the rest to `args`. The template and the
/// defaults stay in `launcher.command` / `launcher.parameters`, so parameters remain
/// overridable; the defaults as read are kept in `provenance.roundtrip.extra.defaults` to tell,
/// on export, an edited parameter from an edited v2 value. A command that is not one engine
/// invocation is kept verbatim with a warning. Keys with no typed place go to
/// `launcher.<spark|sparkrun>`.
///
/// Export: the template is re-rendered flag by flag: a flag whose v2 value is what the
/// template gives keeps its words (placeholders included); a changed literal is rewritten; a
/// changed parameter-backed value rewrites the parameter's default (unless the parameter itself
/// was edited, which then wins); flags v2 no longer has are dropped and new ones appended.
public struct SparkTemplateConverter: Sendable {
  /// Which of the two formats.
  public enum Flavor: Sendable, Hashable {
    case spark
    case sparkrun
  }

  /// Which of the two formats this converter reads and writes.
  public let flavor: Flavor

  /// The converter of `flavor`.
  public init(flavor: Flavor) { self.flavor = flavor }

  var tool: RecipeV2.Launcher.Tool { flavor == .spark ? .spark : .sparkrun }
  var formatID: String { flavor == .spark ? "spark" : "sparkrun" }

  /// Keys read into typed v2 places.
  static let typedKeys: Set<String> = [
    "description", "model", "container", "cluster_only", "solo_only", "build_args", "mods",
    "defaults", "env", "command", "min_nodes", "max_nodes", "model_revision",
  ]
  /// Keys kept in the tool block without a warning.
  var toolKeys: Set<String> {
    switch flavor {
    case .spark: return ["recipe_version", "name"]
    case .sparkrun:
      return [
        "recipe_version", "sparkrun_version", "name", "runtime", "metadata", "executor_config",
        "runtime_version", "mode", "runtime_config", "benchmark", "pre_exec", "post_exec",
        "post_commands", "stop_after_post", "builder", "builder_config", "distribution_config",
      ]
    }
  }

  /// Canonical top-level key order of the written file.
  var canonicalOrder: [String] {
    switch flavor {
    case .spark:
      return [
        "recipe_version", "name", "description", "model", "container", "cluster_only", "solo_only",
        "build_args", "mods", "defaults", "env", "command",
      ]
    case .sparkrun:
      return [
        "recipe_version", "model", "runtime", "container", "min_nodes", "max_nodes", "cluster_only",
        "solo_only", "metadata", "executor_config", "build_args", "mods", "defaults", "env",
        "command",
      ]
    }
  }

  /// Nodes a spark recipe runs on: one GPU per DGX Spark, so TP × PP nodes, at least two when
  /// cluster-only, at least `min_nodes`; one when solo-only.
  public static func impliedNodes(
    serving: RecipeV2.Serving, clusterOnly: Bool?, soloOnly: Bool?, minNodes: Int?
  ) -> Int {
    if soloOnly == true { return 1 }
    let gpus = (serving.tensorParallelSize ?? 1) * (serving.pipelineParallelSize ?? 1)
    return max(gpus, minNodes ?? 1, clusterOnly == true ? 2 : 1)
  }

  /// The v2 arg key of a spelling: long flags lose their dashes, short flags keep one.
  func flagKey(_ spelling: String) -> String {
    spelling.hasPrefix("--") ? String(spelling.dropFirst(2)) : spelling
  }

  /// A value as one text (list items joined by spaces).
  func text(_ v: RecipeV2.ArgValue) -> String { ForeignValues.words(v).joined(separator: " ") }
}

extension RecipeV2.ArgValue {
  /// The items of a list, or the value alone.
  var listItems: [RecipeV2.ArgValue] {
    if case .list(let items) = self { return items }
    return [self]
  }
}
