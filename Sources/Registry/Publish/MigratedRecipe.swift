public import Migrate
public import Schema

/// One recipe file rewritten by a registry migration, or why it was not.
public struct MigratedRecipe: Sendable {
  /// The file's path in the registry tree.
  public var path: String
  /// The recipe's name.
  public var name: String
  /// The new text (nil when the conversion failed).
  public var bytes: [UInt8]?
  /// Lines removed and added (by line content).
  public var deletions: Int
  /// Lines added (by line content).
  public var insertions: Int
  /// What the target format cannot hold.
  public var losses: [LossEntry]
  /// Conversion errors (the file is left as it is).
  public var errors: [Diagnostic]
  /// With verify: values that did not survive reading the output back (empty: verified).
  public var verifyMismatches: [FieldChange]
}
