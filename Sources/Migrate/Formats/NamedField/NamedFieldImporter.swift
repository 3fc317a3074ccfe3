internal import Engines
import Schema

/// The state of one named-field import: diagnostics, comment placements, and what goes to
/// `launcher.deplodock`.
final class NamedFieldImporter {
  let file: String
  var diagnostics: [Diagnostic] = []
  private(set) var comments: [CommentPlacement] = []
  /// `launcher.deplodock` entries, in source order.
  var deplodock: [YAMLPair] = []
  /// Nested source keys with no typed place, as a partial mirror of the source.
  private var unmapped = YAMLNode.mapping([])
  var extra: [YAMLPair] = []
  var layout: String?

  init(file: String) { self.file = file }

  /// Named-field keys of `engine.llm`.
  static let namedKeys: [NamedField] = [
    .tensorParallelSize, .pipelineParallelSize, .dataParallelSize, .gpuMemoryUtilization,
    .contextLength, .maxConcurrentRequests,
  ]

  func location(_ node: YAMLNode) -> SourceLocation? {
    node.start.isKnown ? SourceLocation(file: file, mark: node.start) : nil
  }

  func error(
    _ code: String, _ message: String, _ node: YAMLNode?, _ path: KeyPath, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(.error, code: code, message, at: node.flatMap(location), path: path, hint: hint))
  }

  func carry(_ pair: YAMLPair, to path: KeyPath) {
    guard !pair.key.comments.isEmpty || !pair.value.comments.isEmpty else { return }
    comments.append(
      CommentPlacement(
        path: path, keyComments: pair.key.comments, valueComments: pair.value.comments))
  }

  func keep(_ value: YAMLNode, at path: [String]) {
    unmapped = Self.inserting(value, at: path[...], into: unmapped)
  }

  static func inserting(_ value: YAMLNode, at path: ArraySlice<String>, into node: YAMLNode)
    -> YAMLNode
  {
    guard let first = path.first else { return value }
    var out = node.isMapping ? node : .mapping([])
    let child = out[first] ?? .mapping([])
    out.set(first, inserting(value, at: path.dropFirst(), into: child))
    return out
  }

  // MARK: - Document

  func run(_ root: YAMLNode) -> RecipeV2? {
    guard let pairs = root.mapping else {
      error(
        "type-mismatch", "a named-field recipe is a mapping, found \(root.typeName)", root, .root)
      return nil
    }
    guard let modelNode = root["model"] else {
      error(
        "missing-key", "missing 'model': this file configures no model to serve", root, .root,
        hint:
          "a named-field recipe needs model.huggingface; command-only experiment files are not serving recipes"
      )
      return nil
    }
    var model = RecipeV2.Model(path: "")
    var gpuType: String?
    var body = Body()
    var benchmark: RecipeV2.Benchmark?
    var variants: [RecipeV2.Variant] = []
    for pair in pairs {
      guard let key = pair.key.scalar else { continue }
      switch key {
      case "model":
        model = readModel(pair.value)
      case "engine":
        readEngine(pair.value, into: &body)
      case "backend":
        layout = "backend"
        readBackend(pair.value, into: &body)
      case "benchmark":
        carry(pair, to: "benchmark")
        benchmark = readBenchmark(pair.value, path: "benchmark")
      case "variants":
        variants = readVariants(pair.value, base: body)
      default:
        if key == "deploy", let g = pair.value["gpu"]?.scalar { gpuType = GPUName.normalize(g) }
        if key == "matrices", gpuType == nil { gpuType = Self.singleGPU(in: pair.value) }
        carry(pair, to: "launcher.deplodock" / key)
        deplodock.append(YAMLPair(key, pair.value))
      }
    }
    _ = modelNode
    let engineName = body.engine ?? .vllm
    if body.engine == nil {
      diagnostics.append(
        Diagnostic(
          .note, code: "default-engine",
          "no engine.llm.vllm or engine.llm.sglang block: reading as vLLM (deplodock's default)",
          at: location(root), path: "engine.llm"))
    }
    var engine = RecipeV2.Engine(name: engineName, image: body.image)
    if let image = body.image, let v = ContainerImage(image).version {
      engine.version = Self.versionText(v)
    }
    let s = body.serving
    let gpus =
      (s.tensorParallelSize ?? 1) * (s.pipelineParallelSize ?? 1) * (s.dataParallelSize ?? 1)
    if unmapped.mapping?.isEmpty == false { deplodock.append(YAMLPair("unmapped", unmapped)) }
    var launcher: RecipeV2.Launcher?
    if !deplodock.isEmpty { launcher = RecipeV2.Launcher(tools: [.deplodock: .mapping(deplodock)]) }
    let roundtrip = RecipeV2.Roundtrip(
      layout: layout, keyOrder: root.keys, extra: extra.isEmpty ? nil : .mapping(extra))
    return RecipeV2(
      name: Self.name(file: file, model: model.path), model: model, engine: engine,
      resources: gpuType.map { RecipeV2.Resources(gpuType: $0) },
      topology: .aggregated(RecipeV2.RolePlacement(nodes: 1, workers: 1, gpusPerWorker: gpus)),
      serving: body.serving, args: body.args, env: body.env, benchmark: benchmark,
      launcher: launcher,
      variants: variants,
      provenance: RecipeV2.Provenance(
        sourceFormat: "named-field", sourcePath: SourcePath.recorded(file), roundtrip: roundtrip))
  }

  /// `v0.17.0` → `0.17.0`.
  static func versionText(_ v: EngineVersion) -> String {
    let t = v.description
    return t.hasPrefix("v") || t.hasPrefix("V") ? String(t.dropFirst()) : t
  }

  /// A recipe name from the file path: the folder of a `recipe.yaml`, else the file name.
  static func name(file: String, model: String) -> String {
    var parts = file.split(separator: "/").map(String.init)
    if parts.last == "recipe.yaml" { parts.removeLast() }
    var base = parts.last ?? model
    if base.hasSuffix(".yaml") { base = String(base.dropLast(5)) }
    if base.isEmpty { base = model.split(separator: "/").last.map(String.init) ?? "recipe" }
    return String(
      base.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
  }

  /// The GPU all matrix entries name, normalised, or nil when none or several.
  static func singleGPU(in matrices: YAMLNode) -> String? {
    var names: [String] = []
    func collect(_ v: YAMLNode?) {
      guard let v else { return }
      if let s = v.scalar { names.append(s) }
      for item in v.sequence ?? [] { if let s = item.scalar { names.append(s) } }
    }
    if let entries = matrices.sequence {
      for e in entries { collect(e["deploy.gpu"]) }
    } else if let cross = matrices["cross"] {
      collect(cross["deploy.gpu"])
    } else {
      collect(matrices["deploy.gpu"])
    }
    let normalized = Set(names.compactMap(GPUName.normalize))
    return normalized.count == 1 ? normalized.first : nil
  }
}
