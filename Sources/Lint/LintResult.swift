public import Engines
public import Schema

/// The outcome of linting one recipe file.
public struct LintResult: Sendable {
  /// The file as named in diagnostics.
  public var file: String
  /// The recipe's name (or the file stem when it did not read).
  public var name: String
  /// The source format.
  public var format: RecipeFormat
  /// The engine, when the recipe read.
  public var engine: Engine?
  /// The version the flags were checked against (override, pin, or image tag), if any.
  public var checkedVersion: EngineVersion?
  /// Where ``checkedVersion`` came from: `--engine-version`, `engine.version`, `engine.image`.
  public var versionSource: String?
  /// Which catalog stood in for ``checkedVersion`` (exact, nearest lower, none), if any.
  public var catalog: CatalogMatch?
  /// Reading diagnostics (parse, decode, import) followed by lint findings.
  public var diagnostics: [Diagnostic]

  /// Whether there is an error (or, with `strict`, any warning).
  public func fails(strict: Bool) -> Bool {
    diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
  }

  /// The lint findings only (codes owned by lint rules), without reading diagnostics.
  public var findings: [Diagnostic] {
    diagnostics.filter { Linter.codes.contains($0.code) }
  }
}
