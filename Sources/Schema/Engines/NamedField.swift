/// Engine-neutral serving parameters that recipes state as first-class fields
/// (seed 001's `engine.llm` table plus data/expert parallel), mapped to engine flags by
/// ``NamedFieldFlags``.
public enum NamedField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case tensorParallelSize = "tensor_parallel_size"
  case pipelineParallelSize = "pipeline_parallel_size"
  case dataParallelSize = "data_parallel_size"
  case expertParallelSize = "expert_parallel_size"
  case gpuMemoryUtilization = "gpu_memory_utilization"
  case contextLength = "context_length"
  case maxConcurrentRequests = "max_concurrent_requests"

  /// Hashes the case, not its raw string (fields key dictionaries in hot loops).
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .tensorParallelSize: hasher.combine(0)
    case .pipelineParallelSize: hasher.combine(1)
    case .dataParallelSize: hasher.combine(2)
    case .expertParallelSize: hasher.combine(3)
    case .gpuMemoryUtilization: hasher.combine(4)
    case .contextLength: hasher.combine(5)
    case .maxConcurrentRequests: hasher.combine(6)
    }
  }

  /// The YAML key (same as `yamlKey`).
  public var key: String { rawValue }

  /// The YAML key, e.g. `tensor_parallel_size`.
  public var yamlKey: String {
    switch self {
    case .tensorParallelSize: "tensor_parallel_size"
    case .pipelineParallelSize: "pipeline_parallel_size"
    case .dataParallelSize: "data_parallel_size"
    case .expertParallelSize: "expert_parallel_size"
    case .gpuMemoryUtilization: "gpu_memory_utilization"
    case .contextLength: "context_length"
    case .maxConcurrentRequests: "max_concurrent_requests"
    }
  }

  /// The field for a YAML key, or nil.
  public init?(yamlKey: String) {
    guard let field = Self.allCases.first(where: { $0.yamlKey == yamlKey }) else { return nil }
    self = field
  }

  /// True for integer fields; ``gpuMemoryUtilization`` is a fraction in (0, 1].
  public var isInteger: Bool { self != .gpuMemoryUtilization }

  /// The field's YAML key (`tensor_parallel_size`).
  public var description: String { yamlKey }
}
