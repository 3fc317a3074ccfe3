package import Schema

/// The layering rule of vllm-project/recipes expansion: layers of command-line words applied
/// in order, a flag of a later layer replacing the same flag of an earlier one in its place
/// (what vLLM's argument parser does with a repeated flag: the last one wins), and env
/// mappings likewise.
package enum VLLMRecipesLayers {
  /// The words of layered flags, each flag once, in the order it first appeared.
  package static func words(_ layers: [[String]]) -> (words: [String], positionals: [String]) {
    var order: [String] = []
    var values: [String: EngineArgv.Flag] = [:]
    var positionals: [String] = []
    for layer in layers {
      let (flags, loose) = EngineArgv.flags(layer)
      positionals += loose
      for f in flags {
        let key = String(f.flag.drop { $0 == "-" })
        if values[key] == nil { order.append(key) }
        values[key] = f
      }
    }
    var out: [String] = []
    for key in order {
      guard let f = values[key] else { continue }
      if let v = f.value {
        out += f.joined ? ["\(f.flag)=\(v)"] : [f.flag, v]
      } else {
        out.append(f.flag)
      }
    }
    return (out, positionals)
  }

  /// Env mappings layered: a later value replaces an earlier one in its place.
  package static func env(_ layers: [YAMLNode?]) -> [RecipeV2.EnvVar] {
    var out: [RecipeV2.EnvVar] = []
    for layer in layers {
      for (k, v) in VLLMRecipesModelFile.env(layer) {
        if let i = out.firstIndex(where: { $0.name == k }) {
          out[i].value = v
        } else {
          out.append(RecipeV2.EnvVar(k, v))
        }
      }
    }
    return out
  }
}
