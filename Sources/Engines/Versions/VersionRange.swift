/// A set of engine versions written as comparators joined by commas (AND).
///
/// Accepted forms (whitespace around clauses is ignored):
/// - `*` — any version (only on its own);
/// - `>=0.5`, `>0.4`, `<=1.0`, `<0.6`, `!=0.5.1`;
/// - `=0.5.5.post2`, `==0.5.5`, or a bare `0.5.5` — exactly that version (PEP 440
///   equality, so `0.5` equals `0.5.0` but not `0.5.0.post1`);
/// - `~0.5.5` — `>=0.5.5,<0.6.0`; `~1` — `>=1,<2`;
/// - `^0.10` — cargo caret: bump the first non-zero component (`>=0.10,<0.11.0`;
///   `^1.2` → `<2.0.0`; `^0.0.3` → `<0.0.4`).
///
/// Following PEP 440, an exclusive upper bound `<V` (also the implicit bound of `~`/`^`)
/// does not admit pre-releases of `V` itself unless `V` is a pre-release: `<0.6` does not
/// contain `0.6.0rc1`.
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
  /// The clauses, all of which must hold. Empty means any version.
  public let comparators: [Comparator]
  /// The text this range was parsed from.
  public let original: String

  /// The range containing every version.
  public static let any = VersionRange(comparators: [], original: "*")

  /// Builds a range from comparators.
  public init(comparators: [Comparator], original: String? = nil) {
    self.comparators = comparators
    self.original =
      original
      ?? (comparators.isEmpty ? "*" : comparators.map(\.description).joined(separator: ","))
  }

  /// Parses a range.
  ///
  /// - Parameter text: e.g. `>=0.5,<0.6`, `~0.5.5`, `^0.10`, `*`.
  /// - Throws: ``VersionRangeError`` with the 1-based column of the problem:
  ///   `.empty`, `.emptyClause`, `.missingVersion`, `.invalidVersion`, `.wildcardNotAlone`.
  public init(parsing text: String) throws(VersionRangeError) {
    self = try VersionRangeParser(text).parse()
  }

  /// True when `version` satisfies every comparator.
  public func contains(_ version: EngineVersion) -> Bool {
    comparators.allSatisfy { $0.matches(version) }
  }

  /// Canonical text, e.g. `>=0.5.5,<0.6.0`.
  public var canonical: String {
    comparators.isEmpty ? "*" : comparators.map(\.description).joined(separator: ",")
  }

  /// The range as written.
  public var description: String { original }
}
