/// A recipe in schema v2: one engine-neutral serving configuration that every foreign format
/// maps into without loss.
///
/// Decode with `RecipeV2.decode(_:file:)`, write with `encode()` (canonical key order).
/// See `spec/v2/README.md` for the format reference.
public struct RecipeV2: Sendable, Hashable {
  /// The only schema version this type reads: the value of the `schema` key.
  public static let schemaVersion = "v2"

  /// The recipe's name.
  public var name: String
  /// A one-paragraph description, if given.
  public var description: String?
  /// Free-form labels for search.
  public var labels: [String]
  /// The maturity of the recipe, if stated.
  public var status: Status?
  /// What is served.
  public var model: Model
  /// Which engine serves it.
  public var engine: Engine
  /// The GPU type and GPUs per node, if given.
  public var resources: Resources?
  /// The roles and where they run.
  public var topology: Topology
  /// Named serving fields common to every role.
  public var serving: Serving
  /// Engine args common to every role, in source order.
  public var args: [EngineArg]
  /// Environment variables common to every role, in source order.
  public var env: [EnvVar]
  /// Per-role overrides of serving fields, args and env.
  public var roles: [Role: RoleConfig]
  /// The benchmark that proves the recipe, if any.
  public var benchmark: Benchmark?
  /// How the recipe is launched, if the source says.
  public var launcher: Launcher?
  /// Named partial overrides, in source order.
  public var variants: [Variant]
  /// Where the recipe came from, if converted.
  public var provenance: Provenance?

  /// A recipe of the given parts; `model`, `engine` and `topology` are required.
  public init(
    name: String, description: String? = nil, labels: [String] = [], status: Status? = nil,
    model: Model, engine: Engine, resources: Resources? = nil, topology: Topology,
    serving: Serving = Serving(), args: [EngineArg] = [], env: [EnvVar] = [],
    roles: [Role: RoleConfig] = [:], benchmark: Benchmark? = nil, launcher: Launcher? = nil,
    variants: [Variant] = [], provenance: Provenance? = nil
  ) {
    self.name = name
    self.description = description
    self.labels = labels
    self.status = status
    self.model = model
    self.engine = engine
    self.resources = resources
    self.topology = topology
    self.serving = serving
    self.args = args
    self.env = env
    self.roles = roles
    self.benchmark = benchmark
    self.launcher = launcher
    self.variants = variants
    self.provenance = provenance
  }

  /// Top-level keys in canonical order.
  public static let keyOrder = [
    "schema", "name", "description", "labels", "status", "model", "engine", "resources",
    "topology", "serving", "args", "env", "roles", "benchmark", "launcher", "variants",
    "provenance",
  ]
}
