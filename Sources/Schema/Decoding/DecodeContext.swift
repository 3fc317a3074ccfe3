/// Collects the diagnostics of decoding one document, so that every problem is reported in
/// one pass.
public final class DecodeContext {
  /// The file name used in locations.
  public let file: String
  public private(set) var diagnostics: [Diagnostic] = []
  /// The severity of an unknown key: a warning in v1 (as upstream), an error in v2.
  public var unknownKeySeverity: Diagnostic.Severity

  public init(file: String, unknownKeySeverity: Diagnostic.Severity = .error) {
    self.file = file
    self.unknownKeySeverity = unknownKeySeverity
  }

  public func location(_ node: YAMLNode) -> SourceLocation? {
    node.start.isKnown ? SourceLocation(file: file, mark: node.start) : nil
  }

  public func report(
    _ severity: Diagnostic.Severity, code: String, _ message: String, at node: YAMLNode?,
    path: KeyPath, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(severity, code: code, message, at: node.flatMap(location), path: path, hint: hint))
  }

  public func error(_ code: String, _ message: String, at node: YAMLNode?, path: KeyPath, hint: String? = nil) {
    report(.error, code: code, message, at: node, path: path, hint: hint)
  }

  public func warning(_ code: String, _ message: String, at node: YAMLNode?, path: KeyPath, hint: String? = nil) {
    report(.warning, code: code, message, at: node, path: path, hint: hint)
  }

  public func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  public var hasErrors: Bool { diagnostics.hasErrors }
}
