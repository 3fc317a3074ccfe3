/// A recipe named on the command line: `NAME`, `NAME@REV`, `@scope/NAME[@REV]`.
public struct RecipeReference: Sendable, Hashable, CustomStringConvertible {
  /// The registry scope of `@scope/NAME`, nil for the local registry.
  public var scope: String?
  /// The recipe's name.
  public var name: String
  /// A git rev (branch, tag, id, `HEAD~3`, `main@{1}`); nil means the registry's HEAD.
  public var rev: String?

  /// A reference to `name` in `scope` at `rev` (nil: the local registry at HEAD).
  public init(scope: String? = nil, name: String, rev: String? = nil) {
    self.scope = scope
    self.name = name
    self.rev = rev
  }

  /// Parses `NAME[@REV]` or `@scope/NAME[@REV]`; the rev is everything after the first `@`
  /// that follows the name, so `x@main@{2}` is recipe `x` at `main@{2}`.
  public init(parsing text: String) {
    var rest = Substring(text)
    if rest.hasPrefix("@"), let slash = rest.firstIndex(of: "/") {
      scope = String(rest[rest.index(after: rest.startIndex)..<slash])
      rest = rest[rest.index(after: slash)...]
    }
    if let at = rest.firstIndex(of: "@") {
      name = String(rest[..<at])
      let r = rest[rest.index(after: at)...]
      rev = r.isEmpty ? nil : String(r)
    } else {
      name = String(rest)
      rev = nil
    }
  }

  /// The reference as written: `[@scope/]NAME[@REV]`.
  public var description: String {
    (scope.map { "@\($0)/" } ?? "") + name + (rev.map { "@\($0)" } ?? "")
  }
}
