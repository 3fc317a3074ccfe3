public import Schema

/// The result of converting one file: the output documents and text, the v2 recipe in the
/// middle, diagnostics, and what the target could not express.
public struct ConvertOutcome: Sendable {
  /// The input file.
  public var file: String
  /// The source format.
  public var source: RecipeFormat
  /// The target format.
  public var target: RecipeFormat
  /// The recipe as v2 (the hub), when the source could be read.
  public var recipe: RecipeV2?
  /// The v2 document of `recipe` with the source's comments on their keys (what `--verify`
  /// compares the output with).
  public var v2Document: YAMLDocument?
  /// The output documents, comments in place.
  public var documents: [YAMLDocument]
  /// The output text (empty when the conversion failed).
  public var text: String
  /// The diagnostics of reading and writing.
  public var diagnostics: [Diagnostic]
  /// What the target could not express.
  public var losses: [LossEntry]

  /// An outcome with the given parts.
  public init(
    file: String, source: RecipeFormat, target: RecipeFormat, recipe: RecipeV2? = nil,
    documents: [YAMLDocument] = [], text: String = "", diagnostics: [Diagnostic] = [],
    losses: [LossEntry] = []
  ) {
    self.file = file
    self.source = source
    self.target = target
    self.recipe = recipe
    self.documents = documents
    self.text = text
    self.diagnostics = diagnostics
    self.losses = losses
  }

  /// Whether there is output and no error.
  public var succeeded: Bool { !documents.isEmpty && !diagnostics.hasErrors }
}
