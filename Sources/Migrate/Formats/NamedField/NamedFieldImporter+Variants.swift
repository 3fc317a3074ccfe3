internal import Engines
import Schema

/// Variants (older shape): named partial recipes as v2 partial recipes.
extension NamedFieldImporter {
  func readVariants(_ node: YAMLNode, base: Body) -> [RecipeV2.Variant] {
    var out: [RecipeV2.Variant] = []
    for pair in node.mapping ?? [] {
      guard let name = pair.key.scalar else { continue }
      out.append(
        RecipeV2.Variant(name: name, override: variantOverride(pair.value, name: name, base: base)))
    }
    return out
  }

  /// A named-field partial recipe as a v2 partial recipe.
  private func variantOverride(_ node: YAMLNode, name: String, base: Body) -> YAMLNode {
    var out = YAMLNode.mapping([])
    var rest = YAMLNode.mapping([])
    let vpath = KeyPath(["variants", name].map { .key($0) })
    func put(_ section: String, _ key: String, _ value: YAMLNode) {
      out = Self.inserting(value, at: [section, key][...], into: out)
    }
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      switch k {
      case "model":
        for m in pair.value.mapping ?? [] {
          guard let mk = m.key.scalar else { continue }
          if mk == "huggingface" || mk == "name" {
            put("model", "path", m.value)
          } else if mk == "task" {
            put("model", "task", m.value)
          } else {
            rest = Self.inserting(m.value, at: ["model", mk], into: rest)
          }
        }
      case "engine", "backend":
        let llm = k == "engine" ? pair.value["llm"] : pair.value
        if k == "engine" {
          for e in pair.value.mapping ?? [] where e.key.scalar != "llm" {
            rest = Self.inserting(e.value, at: ["engine", e.key.scalar ?? ""], into: rest)
          }
        }
        let prefix = k == "engine" ? ["engine", "llm"] : ["backend"]
        let variantEngine: String? =
          llm?["sglang"] != nil ? "sglang" : llm?["vllm"] != nil ? "vllm" : nil
        for l in llm?.mapping ?? [] {
          guard let lk = l.key.scalar else { continue }
          if let f = NamedField(yamlKey: lk), Self.namedKeys.contains(f) {
            put("serving", lk, l.value)
          } else if lk == variantEngine, let engine = EngineName(rawValue: lk) {
            if engine != (base.engine ?? .vllm) { put("engine", "name", .string(lk)) }
            for b in l.value.mapping ?? [] {
              guard let bk = b.key.scalar else { continue }
              let p = vpath.appending(k) / "llm" / lk / bk
              if let f = NamedField(yamlKey: bk), Self.namedKeys.contains(f), k == "backend" {
                put("serving", bk, b.value)
              } else if bk == "image" {
                put("engine", "image", b.value)
                if let s = b.value.scalar, let v = ContainerImage(s).version {
                  put("engine", "version", .string(Self.versionText(v)))
                }
              } else if bk == "extra_args" {
                let args = readExtraArgs(b.value, engine: engine, path: p)
                var pairs = base.args.filter { a in !args.contains { $0.flag == a.flag } }.map {
                  YAMLPair($0.flag, .null)
                }
                pairs += args.map { YAMLPair($0.flag, $0.value.node) }
                out = Self.inserting(.mapping(pairs), at: ["args"], into: out)
              } else if bk == "extra_env" {
                let env = Self.env(b.value).map {
                  YAMLPair($0.name, $0.value.map(YAMLNode.string) ?? .null)
                }
                out = Self.inserting(.mapping(env), at: ["env"], into: out)
              } else {
                rest = Self.inserting(b.value, at: (prefix + [lk, bk])[...], into: rest)
              }
            }
          } else {
            rest = Self.inserting(l.value, at: (prefix + [lk])[...], into: rest)
          }
        }
      case "benchmark":
        let b = readBenchmark(pair.value, path: vpath / "benchmark")
        var bp: [YAMLPair] = []
        if let i = b.isl { bp.append(YAMLPair("isl", .int(i))) }
        if let o = b.osl { bp.append(YAMLPair("osl", .int(o))) }
        if !b.concurrencies.isEmpty {
          bp.append(
            YAMLPair("concurrencies", .sequence(b.concurrencies.map(YAMLNode.int), style: .flow)))
        }
        if let a = b.args { bp.append(YAMLPair("args", a)) }
        out = Self.inserting(.mapping(bp), at: ["benchmark"], into: out)
      default:
        if k == "gpu", let g = pair.value.scalar, let n = GPUName.normalize(g) {
          put("resources", "gpu_type", .string(n))
        }
        if k == "deploy", let g = pair.value["gpu"]?.scalar, let n = GPUName.normalize(g) {
          put("resources", "gpu_type", .string(n))
        }
        rest = Self.inserting(pair.value, at: [k], into: rest)
      }
    }
    if rest.mapping?.isEmpty == false {
      out = Self.inserting(rest, at: ["launcher", "deplodock", "variant"], into: out)
    }
    return out
  }
}
