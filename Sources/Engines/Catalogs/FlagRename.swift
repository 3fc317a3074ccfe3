/// A flag renamed or replaced in some engine version, from `spec/engines/renames.tsv`.
public struct FlagRename: Sendable, Hashable {
  /// The engine.
  public let engine: Engine
  /// The old spelling, e.g. `--enable-ep-moe`.
  public let old: String
  /// The replacement flag, e.g. `--ep-size`; nil when the old flag is simply dropped.
  public let new: String?
  /// First captured version in which the old spelling is deprecated or gone.
  public let since: EngineVersion
  /// Evidence and caveats.
  public let note: String
  /// What argument the replacement takes.
  public let value: Value

  /// A rename with the given values.
  public init(
    engine: Engine, old: String, new: String?, since: EngineVersion, note: String, value: Value
  ) {
    self.engine = engine
    self.old = old
    self.new = new
    self.since = since
    self.note = note
    self.value = value
  }
}
