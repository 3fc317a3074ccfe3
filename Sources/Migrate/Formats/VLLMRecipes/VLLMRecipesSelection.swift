/// One concrete recipe of a vllm-project/recipes model file: a variant, a compatible strategy,
/// for a vLLM-Omni model one of its `omni.tasks` and, optionally, the hardware whose overrides
/// apply.
public struct VLLMRecipesSelection: Sendable, Hashable, CustomStringConvertible {
  /// The key of `variants` (`default`, `fp8`).
  public var variant: String
  /// The strategy name (`single_node_tp`, `pd_cluster`); nil for a file that lists no
  /// compatible strategy (vLLM-Omni models: one plain server).
  public var strategy: String?
  /// The vLLM-Omni task's key (``VLLMRecipesOmniTask/key``); nil for a model with no
  /// `omni.tasks`.
  public var task: String?
  /// The hardware key of the overrides (`h200`, `hopper`, `amd`); nil: no override.
  public var hardware: String?
  /// The override keys that apply, in file order: `[hardware]` for an override key, or every
  /// key that names the hardware's profile, generation or brand (``VLLMRecipesTaxonomy``).
  public var overrides: [String]

  /// A selection of the given parts; `overrides` defaults to the hardware key itself.
  public init(
    variant: String, strategy: String?, task: String? = nil, hardware: String? = nil,
    overrides: [String]? = nil
  ) {
    self.variant = variant
    self.strategy = strategy
    self.task = task
    self.hardware = hardware
    self.overrides = overrides ?? hardware.map { [$0] } ?? []
  }

  /// `variant × strategy × hardware`, for messages.
  public var description: String {
    "variant '\(variant)'" + (strategy.map { ", strategy '\($0)'" } ?? "")
      + (task.map { ", task '\($0)'" } ?? "") + (hardware.map { ", hardware '\($0)'" } ?? "")
  }
}

/// Which selections of a model file to expand (`--variant`, `--strategy`, `--task`,
/// `--hardware`); a nil part means all of them.
public struct VLLMRecipesFilter: Sendable, Hashable {
  /// Only this variant.
  public var variant: String?
  /// Only this strategy.
  public var strategy: String?
  /// Only this vLLM-Omni task (its key or id).
  public var task: String?
  /// Only this hardware: the override keys that apply to it (its own, its generation's, its
  /// brand's), or none.
  public var hardware: String?

  /// A filter of the given parts; all nil expands everything.
  public init(
    variant: String? = nil, strategy: String? = nil, task: String? = nil,
    hardware: String? = nil
  ) {
    self.variant = variant
    self.strategy = strategy
    self.task = task
    self.hardware = hardware
  }
}
