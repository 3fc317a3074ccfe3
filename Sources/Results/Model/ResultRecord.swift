/// One measured workload point of one recipe: what ran, on what, under which load, and what
/// it measured, with units in every field name (`_ms`, `_per_s`).
///
/// One record per (recipe, workload point): a run at concurrencies 4, 8 and 16 gives three
/// records. JSON form: ``ResultRecord/jsonBytes()`` (sorted keys, snake_case), described by
/// `spec/results/v1.schema.json`.
public struct ResultRecord: Sendable, Hashable, Codable {
  /// The record format: always ``ResultRecord/currentSchema``.
  public var schema: String
  /// The recipe measured, as it was in the registry.
  public var recipe: RecipeRef
  /// The engine as run.
  public var engine: EngineRun
  /// The GPUs and topology.
  public var hardware: Hardware
  /// The load the benchmark put on the deployment.
  public var workload: Workload
  /// The measured figures.
  public var figures: Figures
  /// Who ran it, when and where.
  public var run: RunInfo
  /// The file the figures came from.
  public var source: Source

  /// The value of ``schema``.
  public static let currentSchema = "result-v1"

  /// A record with the given parts.
  public init(
    recipe: RecipeRef, engine: EngineRun, hardware: Hardware, workload: Workload,
    figures: Figures, run: RunInfo, source: Source
  ) {
    self.schema = Self.currentSchema
    self.recipe = recipe
    self.engine = engine
    self.hardware = hardware
    self.workload = workload
    self.figures = figures
    self.run = run
    self.source = source
  }
}
