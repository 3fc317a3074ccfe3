extension RecipeV2.ArgValue {
  /// The value as YAML (structured data as a YAML structure, lists in flow style).
  public var node: YAMLNode { RecipeV2.encode(self) }

  /// The value as YAML for a flat flag map (`vllm serve --config`): structured data as a JSON
  /// string (`compilation-config: '{...}'`).
  public var flatNode: YAMLNode {
    switch self {
    case .structured(let n): return .string(n.jsonText)
    case .list(let items): return .sequence(items.map(\.flatNode), style: .flow)
    default: return node
    }
  }
}

extension RecipeV2.Serving {
  /// The value of a named field, if set.
  public func value(_ field: NamedField) -> RecipeV2.ArgValue? {
    switch field {
    case .tensorParallelSize: return tensorParallelSize.map { .int($0) }
    case .pipelineParallelSize: return pipelineParallelSize.map { .int($0) }
    case .dataParallelSize: return dataParallelSize.map { .int($0) }
    case .expertParallelSize: return expertParallelSize.map { .int($0) }
    case .gpuMemoryUtilization: return gpuMemoryUtilization.map { .float($0) }
    case .contextLength: return contextLength.map { .int($0) }
    case .maxConcurrentRequests: return maxConcurrentRequests.map { .int($0) }
    }
  }

  /// The command-line spelling of a named field's value, if set.
  public func text(_ field: NamedField) -> String? {
    switch value(field) {
    case .int(let i)?: return String(i)
    case .float(let d)?: return String(d)
    default: return nil
    }
  }
}
