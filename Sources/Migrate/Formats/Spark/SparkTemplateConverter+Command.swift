internal import Engines
import Schema

/// The command: the template a spark recipe renders, with v2's values written into it.
extension SparkTemplateConverter {
  /// The command template: the stored one with v2's values written into it when it is one
  /// engine invocation (kept as it is otherwise, its flags reported as losses), or a new one.
  func exportCommand(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, catalog: FlagCatalog?,
    wanted: [Wanted], params: inout YAMLNode, original: YAMLNode?, modelKey: String,
    losses: inout ForeignLosses, diagnostics: inout [Diagnostic]
  ) -> String {
    let engine = recipe.engine.name
    var wanted = wanted
    func paramDict(_ node: YAMLNode?) -> [String: YAMLNode] {
      var d: [String: YAMLNode] = [:]
      for p in node?.mapping ?? [] { if let k = p.key.scalar { d[k] = p.value } }
      if d["model"] == nil { d["model"] = .string(modelKey) }
      return d
    }
    var command: String
    if let stored = launcher.command {
      let current = paramDict(params)
      let parsed = try? CommandTemplate.parse(stored, parameters: current) { _ in catalog }
      if let t = parsed, t.engine == engine {
        let origParams = original.map(paramDict)
        let origTemplate = origParams.flatMap {
          try? CommandTemplate.parse(stored, parameters: $0) { _ in catalog }
        }
        var head = t.program.map(\.raw)
        if let m = t.model {
          head += renderValue(
            m, wanted: .string(recipe.model.path), original: nil, params: &params,
            diagnostics: &diagnostics)
        }
        var lines: [[String]] = []
        for (index, flag) in t.flags.enumerated() {
          if flag.spelling.isEmpty {
            lines.append(flag.value.words.map(\.raw))
            continue
          }
          let slot = SparkTemplateSlot.of(flag.spelling, value: flag.value.value, engine: engine)
          guard let w = wanted.firstIndex(where: { !$0.used && $0.slot == slot }) else {
            // A repeat of a flag already written keeps its words when v2 still has that value.
            if let w = wanted.firstIndex(where: { $0.slot == slot }),
              ForeignValues.same(wanted[w].value, flag.value.value)
            {
              lines.append(flagWords(flag, flag.value.words.map(\.raw)))
            }
            continue
          }
          wanted[w].used = true
          if slot == .model {
            lines.append(
              flagWords(
                flag,
                renderValue(
                  flag.value, wanted: .string(recipe.model.path),
                  original: origTemplate?.flags[safe: index]?.value, params: &params,
                  diagnostics: &diagnostics)))
            continue
          }
          let want = wanted[w]
          let rendered = renderValue(
            flag.value, wanted: want.value, original: origTemplate?.flags[safe: index]?.value,
            params: &params, diagnostics: &diagnostics)
          if case .bool(false) = want.value {
            lines.append([want.spelling] + want.words.map(CommandTemplate.literal))
          } else {
            lines.append(flagWords(flag, rendered))
          }
        }
        if t.model == nil
          && !t.flags.contains(where: {
            SparkTemplateSlot.of($0.spelling, value: $0.value.value, engine: engine) == .model
          })
        {
          let start = EngineServerCommand(engine: engine)
          let modelWords = start.modelWords(modelPlaceholder(recipe.model.path))
          if start.modelFlag == nil { head += modelWords } else { lines.insert(modelWords, at: 0) }
        }
        for w in wanted where !w.used && w.slot != .model {
          lines.append(newFlag(w, params: &params))
        }
        command = CommandTemplate.render(head: head, lines: lines)
      } else {
        command = stored
        for w in wanted where w.slot != .host && w.slot != .port && w.slot != .model {
          losses.add(
            KeyPath(parsing: w.slot.v2Path), ([w.spelling] + w.words).joined(separator: " "),
            "the command template is not one engine invocation, so the flag cannot be written into it"
          )
        }
      }
    } else {
      let start = EngineServerCommand(engine: engine)
      let modelWords = start.modelWords(modelPlaceholder(recipe.model.path))
      // The model on the program's line when it is positional, else on a line of its own.
      var head = start.program
      var lines: [[String]] = []
      if start.modelFlag == nil { head += modelWords } else { lines.append(modelWords) }
      for w in wanted where w.slot != .model { lines.append(newFlag(w, params: &params)) }
      command = CommandTemplate.render(head: head, lines: lines)
    }
    return command
  }

  /// The rendered words of a value position: the template's own words when they give what v2
  /// wants (or when a parameter was edited and v2 was not), else the parameter's default is
  /// rewritten (parameter-backed) or the literal words replaced.
  func renderValue(
    _ v: CommandTemplate.Value, wanted: RecipeV2.ArgValue, original: CommandTemplate.Value?,
    params: inout YAMLNode, diagnostics: inout [Diagnostic]
  ) -> [String] {
    if ForeignValues.same(v.value, wanted) { return v.words.map(\.raw) }
    if let p = v.parameter {
      if let original, !ForeignValues.same(original.value, v.value),
        ForeignValues.same(original.value, wanted)
      {
        return v.words.map(\.raw)  // the parameter was edited, v2 was not: the parameter wins
      }
      if p != "model" { params.set(p, Self.parameterNode(wanted)) }
      return v.words.map(\.raw)
    }
    return ForeignValues.words(wanted).map(CommandTemplate.literal)
  }

  /// A flag with rendered value words (`--flag=value` stays one word).
  func flagWords(_ flag: CommandTemplate.Flag, _ words: [String]) -> [String] {
    if flag.inline, words.count == 1 { return [flag.spelling + "=" + words[0]] }
    return [flag.spelling] + words
  }

  /// A flag the template did not have: host and port become `{host}` / `{port}` parameters.
  func newFlag(_ w: Wanted, params: inout YAMLNode) -> [String] {
    switch w.slot {
    case .host:
      params.set("host", Self.parameterNode(w.value))
      return ["--host", "{host}"]
    case .port:
      params.set("port", Self.parameterNode(w.value))
      return ["--port", "{port}"]
    default:
      return [w.spelling] + w.words.map(CommandTemplate.literal)
    }
  }

  /// The model word of a new template: `{model}` for sparkrun (it substitutes the `model`
  /// key), the literal model for spark.
  func modelPlaceholder(_ path: String) -> String {
    flavor == .sparkrun ? "{model}" : CommandTemplate.literal(path)
  }

  /// A default value for a parameter: scalars as such, structured data as JSON text, lists as
  /// space-separated text.
  static func parameterNode(_ v: RecipeV2.ArgValue) -> YAMLNode {
    switch v {
    case .list(let items): return .string(items.flatMap(ForeignValues.words).joined(separator: " "))
    case .structured(let n): return .string(n.jsonText)
    default: return v.flatNode
    }
  }
}

extension Array {
  subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
