extension EngineVersion {
  /// A PEP 440 pre-release segment: `a1`, `b2`, `rc3`.
  public struct PreRelease: Sendable, Hashable {
    /// The pre-release phase.
    public enum Kind: String, Sendable, Hashable {
      /// Alpha (`a`, `alpha`).
      case alpha = "a"
      /// Beta (`b`, `beta`).
      case beta = "b"
      /// Release candidate (`rc`, `c`, `pre`, `preview`).
      case releaseCandidate = "rc"

      /// Sort order: alpha < beta < rc.
      var order: Int {
        switch self {
        case .alpha: 0
        case .beta: 1
        case .releaseCandidate: 2
        }
      }
    }

    /// The phase.
    public let kind: Kind
    /// The number after the phase (`rc2` → 2; `rc` → 0).
    public let number: Int

    /// A pre-release of `kind` with `number`.
    public init(kind: Kind, number: Int) {
      self.kind = kind
      self.number = number
    }
  }
}
