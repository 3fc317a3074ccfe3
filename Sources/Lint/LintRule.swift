/// One lint check: looks at a recipe (through v2) and reports located diagnostics.
///
/// Rules are small value types listed in ``Linter/defaultRules``; each reports through
/// ``LintContext/report(_:code:_:at:hint:)`` so that every finding carries a location in the
/// source file, a severity, a stable code and a hint saying the fix.
public protocol LintRule: Sendable {
  /// The diagnostic codes this rule can report.
  var codes: [String] { get }
  /// Checks the recipe in `context`, reporting findings into it.
  func check(_ context: LintContext)
}
