internal import Engines
internal import Migrate
internal import Schema

extension DynamoRenderer {
  // MARK: - The deployment

  /// The `DynamoGraphDeployment` around `services`, after the model cache's PVC and download
  /// Job when there is one.
  func deployment(_ plan: LaunchPlan, name: String, services: [YAMLPair], warnings: [String])
    -> RenderedLaunch
  {
    var warnings = warnings
    var spec: [YAMLPair] = []
    if ["vllm", "sglang", "trtllm"].contains(plan.engine) {
      spec.append(YAMLText.pair("backendFramework", YAMLText.str(plan.engine)))
    } else {
      warnings.append("k8s: engine '\(plan.engine)' is not a Dynamo backend framework")
    }
    if let cache = modelCache {
      spec.append(
        YAMLText.pair(
          "pvcs",
          .sequence([
            .mapping([
              YAMLText.pair("name", YAMLText.str(cache.pvcName)),
              YAMLText.pair("create", .bool(false)),
            ])
          ])))
    }
    spec.append(YAMLText.pair("services", .mapping(services)))
    if plan.benchmark != nil {
      warnings.append(
        "k8s: the benchmark step is not part of a DynamoGraphDeployment; run it separately")
    }

    var metadata: [YAMLPair] = [YAMLText.pair("name", YAMLText.str(name))]
    var labels: [YAMLPair] = [
      YAMLText.pair("app.kubernetes.io/managed-by", YAMLText.str("registry"))
    ]
    if let commit = plan.recipe.commit, Self.isLabelValue(commit) {
      labels.append(YAMLText.pair("registry/commit", YAMLText.str(commit)))
    }
    metadata.append(YAMLText.pair("labels", .mapping(labels)))
    let dgd = YAMLNode.mapping([
      YAMLText.pair("apiVersion", YAMLText.str("nvidia.com/v1alpha1")),
      YAMLText.pair("kind", YAMLText.str("DynamoGraphDeployment")),
      YAMLText.pair("metadata", .mapping(metadata)),
      YAMLText.pair("spec", .mapping(spec)),
    ])
    var docs: [YAMLDocument] = []
    if let cache = modelCache {
      docs.append(YAMLDocument(root: Self.pvc(cache)))
      docs.append(YAMLDocument(root: Self.downloadJob(cache, model: plan.model.path, name: name)))
    }
    docs.append(YAMLDocument(root: dgd))
    let text = docs.count == 1 ? YAMLEmitter.emit(dgd) : YAMLEmitter.emitStream(docs)
    return RenderedLaunch(text: text, warnings: warnings)
  }
}
