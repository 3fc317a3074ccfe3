/// Collects the diagnostics of decoding one document, so that every problem is reported in
/// one pass.
package final class DecodeContext {
  /// The file name used in locations.
  package let file: String
  package private(set) var diagnostics: [Diagnostic] = []
  /// The severity of an unknown key: a warning in v1 (as upstream), an error in v2.
  package var unknownKeySeverity: Diagnostic.Severity

  package init(file: String, unknownKeySeverity: Diagnostic.Severity = .error) {
    self.file = file
    self.unknownKeySeverity = unknownKeySeverity
  }

  package func location(_ node: YAMLNode) -> SourceLocation? {
    node.start.isKnown ? SourceLocation(file: file, mark: node.start) : nil
  }

  package func report(
    _ severity: Diagnostic.Severity, code: String, _ message: String, at node: YAMLNode?,
    path: KeyPath, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(severity, code: code, message, at: node.flatMap(location), path: path, hint: hint))
  }

  package func error(
    _ code: String, _ message: String, at node: YAMLNode?, path: KeyPath, hint: String? = nil
  ) {
    report(.error, code: code, message, at: node, path: path, hint: hint)
  }

  package func warning(
    _ code: String, _ message: String, at node: YAMLNode?, path: KeyPath, hint: String? = nil
  ) {
    report(.warning, code: code, message, at: node, path: path, hint: hint)
  }

  package func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  package var hasErrors: Bool { diagnostics.hasErrors }
}
