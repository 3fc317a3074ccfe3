/// Recipe texts written by the tests themselves, shared by the library and CLI suites.
public enum SampleRecipes {
  /// A plannable, lint-clean v2 SGLang recipe with comments (kept by in-place edits).
  public static func v2(
    _ name: String, version: String = "0.5.5", model: String = "deepseek-ai/DeepSeek-R1"
  ) -> String {
    """
    # A hand-written recipe: keep this comment.
    schema: v2
    name: \(name)
    model:
      path: \(model)   # the HF id
      precision: fp8
    engine:
      name: sglang
      version: "\(version)"  # pinned after the nightly regression
      image: lmsysorg/sglang:v\(version)-cu130
    resources:
      gpu_type: gb200
      gpus_per_node: 4
    topology:
      aggregated: {nodes: 1, workers: 1}
    serving:
      tensor_parallel_size: 4

    """
  }
}
