/// One key on which our plan and an upstream tool's launch disagree for one role of a recipe.
struct LaunchDifference: Hashable, CustomStringConvertible {
  /// The recipe: a corpus path (`NVIDIA+srt-slurm/recipes/...`) or `registry/NAME`.
  var recipe: String
  /// `prefill`, `decode`, `aggregated`, `frontend`, ... or `*` for the whole recipe.
  var role: String
  /// `program`, `processes`, a flag (`--tp-size`, the catalog's name), `env:NAME`, `image`,
  /// `mount:/CONTAINER/PATH`, or `plan` when one side refuses the recipe.
  var key: String
  var ours: String
  var theirs: String

  var description: String { "\(recipe)\t\(role)\t\(key)\tours: \(ours)\tupstream: \(theirs)" }
}
