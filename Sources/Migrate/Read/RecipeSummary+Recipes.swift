internal import Engines
public import Schema

extension RecipeSummary {
  /// The summary of a v2 recipe (or of a foreign recipe imported to v2); the engine version
  /// is the pinned one, else the version of the image tag.
  public init(_ r: RecipeV2, format: RecipeFormat) {
    let version =
      r.engineVersion ?? r.engineImage.flatMap { ContainerImage($0).engineVersion?.description }
    self.init(
      name: r.name, model: r.model.path, engine: r.engineName.rawValue, engineVersion: version,
      image: r.engineImage, gpuType: r.gpuType?.lowercased(), gpusPerNode: r.gpusPerNode,
      totalGPUs: r.totalGPUs, nodes: r.totalNodes > 0 ? r.totalNodes : nil,
      precision: r.model.precision?.lowercased(),
      topology: r.topologyMode,
      format: format.rawValue, status: r.status?.state.rawValue)
  }

  /// The summary of a v1 recipe: `sglang_version`, else the version of the container tag.
  public init(_ r: RecipeV1, fallbackName: String) {
    var version: String?
    if let raw = r.engineVersion {
      version = EngineVersion(raw) != nil ? raw : ContainerImage.version(fromTag: raw)?.description
    }
    self.init(
      name: r.name ?? fallbackName, model: r.modelPath, engine: r.engineName,
      engineVersion: version,
      image: r.image, gpuType: r.gpuType, gpusPerNode: r.gpusPerNode, totalGPUs: r.totalGPUs,
      nodes: r.totalNodes, precision: r.precision?.lowercased(), topology: r.topology,
      format: RecipeFormat.sglangV1.rawValue, status: nil)
  }
}
