public import Schema

/// One recipe file of a registry tree as the index knows it: where it is, its blob, its
/// summary, and the problems decoding it found (errors make it invalid; search skips it).
public struct IndexedRecipe: Sendable, Hashable {
  /// The file's path in the tree.
  public var path: String
  /// The file's blob.
  public var blobID: ObjectID
  /// The facts search filters on.
  public var summary: RecipeSummary
  /// Decode errors and warnings of the file.
  public var diagnostics: [Diagnostic]

  /// A record of the file at `path` with the given blob, summary and diagnostics.
  public init(
    path: String, blobID: ObjectID, summary: RecipeSummary, diagnostics: [Diagnostic] = []
  ) {
    self.path = path
    self.blobID = blobID
    self.summary = summary
    self.diagnostics = diagnostics
  }

  /// Whether the file decoded without errors.
  public var isValid: Bool { !diagnostics.hasErrors }
}
