extension VersionRange {
  /// One clause of a range: an operator and a version.
  public struct Comparator: Sendable, Hashable, CustomStringConvertible {
    /// Comparison operators.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
      case lessThan = "<"
      case lessThanOrEqual = "<="
      case greaterThan = ">"
      case greaterThanOrEqual = ">="
      case equal = "="
      case notEqual = "!="
    }

    /// The operator.
    public let op: Operator
    /// The version compared against.
    public let version: EngineVersion

    /// A comparator `op version`.
    public init(_ op: Operator, _ version: EngineVersion) {
      self.op = op
      self.version = version
    }

    /// True when `candidate` satisfies this clause. A build number (`b8094`) and a PEP 440
    /// version are never ordered against each other: only `!=` holds between them.
    public func matches(_ candidate: EngineVersion) -> Bool {
      if candidate.scheme != version.scheme { return op == .notEqual }
      let order = EngineVersion.compare(candidate, version)
      switch op {
      case .lessThan:
        guard order < 0 else { return false }
        // PEP 440: `<V` excludes pre-releases of V itself unless V is one.
        if candidate.isPreRelease && !version.isPreRelease && sameRelease(candidate, version) {
          return false
        }
        return true
      case .lessThanOrEqual: return order <= 0
      case .greaterThan: return order > 0
      case .greaterThanOrEqual: return order >= 0
      case .equal: return order == 0
      case .notEqual: return order != 0
      }
    }

    private func sameRelease(_ a: EngineVersion, _ b: EngineVersion) -> Bool {
      let width = max(a.release.count, b.release.count)
      return a.releasePadded(to: width) == b.releasePadded(to: width)
    }

    /// `op` followed by the version's original spelling, e.g. `>=0.5`.
    public var description: String { op.rawValue + version.original }
  }
}
