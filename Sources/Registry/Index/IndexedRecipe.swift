public import Schema

/// One recipe file of a registry tree as the index knows it: where it is, its blob, its
/// summary, and the problems decoding it found (errors make it invalid; search skips it).
public struct IndexedRecipe: Sendable, Hashable {
  public var path: String
  public var blobID: ObjectID
  public var summary: RecipeSummary
  /// Decode errors and warnings of the file.
  public var diagnostics: [Diagnostic]

  public init(path: String, blobID: ObjectID, summary: RecipeSummary, diagnostics: [Diagnostic] = []) {
    self.path = path
    self.blobID = blobID
    self.summary = summary
    self.diagnostics = diagnostics
  }

  /// Whether the file decoded without errors.
  public var isValid: Bool { !diagnostics.hasErrors }
}
