/// The `{node:N}` placeholder an argv element may use for "the address of node N", which a
/// renderer fills in: a literal host for shell, `"${NODES[N]}"` at run time for SLURM, a
/// service name for compose.
///
/// Anything that is not exactly `{node:` digits `}` stays literal text.
public enum NodeHostTemplate {
  /// One piece of an argv element.
  public enum Segment: Sendable, Hashable {
    case text(String)
    case nodeHost(Int)
  }

  /// The placeholder text for node `index`.
  public static func placeholder(_ index: Int) -> String { "{node:\(index)}" }

  /// Splits an argv element into literal text and node placeholders.
  public static func segments(_ word: String) -> [Segment] {
    var out: [Segment] = []
    var text = Substring("")
    var rest = Substring(word)
    while let open = rest.firstRange(of: "{node:") {
      let afterOpen = rest[open.upperBound...]
      let digits = afterOpen.prefix(while: { $0.isASCII && $0.isNumber })
      let close = afterOpen.dropFirst(digits.count)
      if !digits.isEmpty, digits.count < 6, close.first == "}", let n = Int(digits) {
        text += rest[..<open.lowerBound]
        if !text.isEmpty { out.append(.text(String(text))) }
        text = ""
        out.append(.nodeHost(n))
        rest = close.dropFirst()
      } else {
        text += rest[..<open.upperBound]
        rest = afterOpen
      }
    }
    text += rest
    if !text.isEmpty || out.isEmpty { out.append(.text(String(text))) }
    return out
  }

  /// Replaces every placeholder with `host(N)`.
  /// `env` with the placeholders in its values replaced by `host(n)`.
  public static func substitute(env: [EnvVar], host: (Int) -> String) -> [EnvVar] {
    env.map { EnvVar($0.name, substitute($0.value, host: host)) }
  }

  public static func substitute(_ word: String, host: (Int) -> String) -> String {
    segments(word).map {
      switch $0 {
      case .text(let t): return t
      case .nodeHost(let n): return host(n)
      }
    }.joined()
  }

  /// The node indices an argv element refers to.
  public static func referencedNodes(_ word: String) -> [Int] {
    segments(word).compactMap {
      if case .nodeHost(let n) = $0 { return n }
      return nil
    }
  }
}
