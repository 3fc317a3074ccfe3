extension RecipeV2 {
  /// First-class, engine-neutral serving fields (`serving:` and `roles.<role>.serving:`).
  public struct Serving: Sendable, Hashable {
    /// `tensor_parallel_size`.
    public var tensorParallelSize: Int?
    /// `pipeline_parallel_size`.
    public var pipelineParallelSize: Int?
    /// `data_parallel_size`.
    public var dataParallelSize: Int?
    /// `expert_parallel_size`.
    public var expertParallelSize: Int?
    /// Fraction of GPU memory the engine may use, in (0, 1].
    public var gpuMemoryUtilization: Double?
    /// Maximum context length in tokens.
    public var contextLength: Int?
    /// Maximum number of requests running at once.
    public var maxConcurrentRequests: Int?

    /// Serving fields; every one is optional.
    public init(
      tensorParallelSize: Int? = nil, pipelineParallelSize: Int? = nil,
      dataParallelSize: Int? = nil, expertParallelSize: Int? = nil,
      gpuMemoryUtilization: Double? = nil, contextLength: Int? = nil,
      maxConcurrentRequests: Int? = nil
    ) {
      self.tensorParallelSize = tensorParallelSize
      self.pipelineParallelSize = pipelineParallelSize
      self.dataParallelSize = dataParallelSize
      self.expertParallelSize = expertParallelSize
      self.gpuMemoryUtilization = gpuMemoryUtilization
      self.contextLength = contextLength
      self.maxConcurrentRequests = maxConcurrentRequests
    }

    /// Whether no field is set.
    public var isEmpty: Bool { self == Serving() }

    /// The fields set here, with their YAML key.
    public var setFields: [NamedField] { NamedField.allCases.filter { isSet($0) } }

    /// Whether `field` has a value.
    public func isSet(_ field: NamedField) -> Bool {
      switch field {
      case .tensorParallelSize: return tensorParallelSize != nil
      case .pipelineParallelSize: return pipelineParallelSize != nil
      case .dataParallelSize: return dataParallelSize != nil
      case .expertParallelSize: return expertParallelSize != nil
      case .gpuMemoryUtilization: return gpuMemoryUtilization != nil
      case .contextLength: return contextLength != nil
      case .maxConcurrentRequests: return maxConcurrentRequests != nil
      }
    }

    /// These fields with `override`'s set fields on top.
    public func overlaid(by override: Serving) -> Serving {
      Serving(
        tensorParallelSize: override.tensorParallelSize ?? tensorParallelSize,
        pipelineParallelSize: override.pipelineParallelSize ?? pipelineParallelSize,
        dataParallelSize: override.dataParallelSize ?? dataParallelSize,
        expertParallelSize: override.expertParallelSize ?? expertParallelSize,
        gpuMemoryUtilization: override.gpuMemoryUtilization ?? gpuMemoryUtilization,
        contextLength: override.contextLength ?? contextLength,
        maxConcurrentRequests: override.maxConcurrentRequests ?? maxConcurrentRequests)
    }
  }
}
