/// The output of a renderer: the file text and what the renderer could not express exactly.
public struct RenderedLaunch: Sendable, Hashable {
  /// The rendered file (script, YAML).
  public var text: String
  /// Things the target could not express, in addition to the plan's own warnings.
  public var warnings: [String]

  /// Rendered `text` with the `warnings` to show beside it.
  public init(text: String, warnings: [String] = []) {
    self.text = text
    self.warnings = warnings
  }
}
