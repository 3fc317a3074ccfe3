/// A released engine version such as SGLang `v0.5.5.post2` or vLLM `0.10.1.1`.
///
/// Parsing follows PEP 440 (what both engines publish on PyPI): an optional `v`,
/// a dotted release (`0.5.5`), an optional pre-release (`a`/`b`/`rc`, also spelled
/// `alpha`/`beta`/`c`/`pre`/`preview`), an optional post-release (`.post1`, `.rev1`,
/// `.r1`), an optional dev-release (`.dev3`) and an optional local label (`+cu130`).
/// Separators `.`, `-`, `_` before the suffixes are optional; case is ignored.
/// The implicit post-release form `1.0-1` is not accepted (it collides with image tag
/// suffixes).
///
/// Ordering is PEP 440: `0.5.0.dev1 < 0.5.0rc2 < 0.5.0 < 0.5.0.post1 < 0.5.1`, and a
/// shorter release is padded with zeros, so `0.5 == 0.5.0`. Equality and hashing use
/// that normalised value; ``original`` keeps the spelling for display.
///
/// llama.cpp numbers its releases by build instead (`b8094`, image tags
/// `server-cuda-b8094`): such a version has ``scheme`` `.build` and the build number as its
/// only release component. Builds order by number among themselves and after every PEP 440
/// version; a range clause only matches versions of its own scheme (``VersionRange``).
public struct EngineVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// How a version is numbered.
  public enum Scheme: Sendable, Hashable {
    /// PEP 440 (SGLang, vLLM, TensorRT-LLM, Dynamo).
    case pep440
    /// A build number `bNNNN` (llama.cpp's releases).
    case build
  }

  /// How this version is numbered.
  public let scheme: Scheme
  /// The release components, e.g. `[0, 5, 5]`; `[8094]` for build `b8094`. Never empty.
  public let release: [Int]
  /// The pre-release, if any.
  public let preRelease: PreRelease?
  /// The post-release number (`.post2` → 2; `.post` → 0), if any.
  public let postRelease: Int?
  /// The dev-release number (`.dev3` → 3; `.dev` → 0), if any.
  public let devRelease: Int?
  /// The local label after `+`, lowercased (`+cu130` → `cu130`), if any.
  public let local: String?
  /// The text this version was parsed from, unchanged.
  public let original: String

  /// Parses a version; returns nil when `text` is not a PEP 440 version.
  ///
  /// - Parameter text: e.g. `v0.5.5.post2`, `0.5.0rc2`, `0.10.1.1`.
  public init?(_ text: String) {
    var parser = EngineVersionParser(Array(text.utf8))
    guard let parts = parser.parse() else { return nil }
    self.scheme = parts.isBuild ? .build : .pep440
    self.release = parts.release
    self.preRelease = parts.pre
    self.postRelease = parts.post
    self.devRelease = parts.dev
    self.local = parts.local
    self.original = text
  }

  /// Builds a plain release version such as `0.6.0`.
  public init(release: [Int]) {
    precondition(!release.isEmpty, "a version needs at least one release component")
    self.scheme = .pep440
    self.release = release
    self.preRelease = nil
    self.postRelease = nil
    self.devRelease = nil
    self.local = nil
    self.original = release.map(String.init).joined(separator: ".")
  }

  /// True for pre-releases and dev releases (`0.5.0rc2`, `0.5.0.dev1`).
  public var isPreRelease: Bool { preRelease != nil || devRelease != nil }

  /// The PEP 440 normal form, e.g. `v0.5.0-RC2` → `0.5.0rc2`; `b8094` for a build.
  public var normalized: String {
    if scheme == .build { return "b\(release[0])" }
    var text = release.map(String.init).joined(separator: ".")
    if let preRelease { text += "\(preRelease.kind.rawValue)\(preRelease.number)" }
    if let postRelease { text += ".post\(postRelease)" }
    if let devRelease { text += ".dev\(devRelease)" }
    if let local { text += "+\(local)" }
    return text
  }

  /// The original spelling.
  public var description: String { original }

  /// Release components padded with zeros to `count`.
  func releasePadded(to count: Int) -> [Int] {
    release.count >= count ? release : release + Array(repeating: 0, count: count - release.count)
  }

  /// The release with trailing zeros removed (`0.5.0` → `[0, 5]`), used for hashing.
  private var trimmedRelease: ArraySlice<Int> {
    var slice = release[...]
    while slice.count > 1, slice.last == 0 { slice = slice.dropLast() }
    return slice
  }

  // MARK: - Ordering

  /// Three-way comparison following PEP 440.
  static func compare(_ a: EngineVersion, _ b: EngineVersion) -> Int {
    if a.scheme != b.scheme { return a.scheme == .pep440 ? -1 : 1 }
    let width = max(a.release.count, b.release.count)
    let ra = a.releasePadded(to: width)
    let rb = b.releasePadded(to: width)
    for (x, y) in zip(ra, rb) where x != y { return x < y ? -1 : 1 }
    let pa = a.preKey
    let pb = b.preKey
    if pa != pb { return pa < pb ? -1 : 1 }
    let posta = a.postRelease ?? -1
    let postb = b.postRelease ?? -1
    if posta != postb { return posta < postb ? -1 : 1 }
    let deva = a.devRelease ?? Int.max
    let devb = b.devRelease ?? Int.max
    if deva != devb { return deva < devb ? -1 : 1 }
    switch (a.local, b.local) {
    case (nil, nil): return 0
    case (nil, _): return -1
    case (_, nil): return 1
    case (let la?, let lb?): return la == lb ? 0 : (la < lb ? -1 : 1)
    }
  }

  /// PEP 440 pre-release sort key: a bare dev release sorts before any pre-release;
  /// no pre-release sorts after all of them.
  private var preKey: PreKey {
    if let preRelease {
      return PreKey(rank: 1, kind: preRelease.kind.order, number: preRelease.number)
    }
    if devRelease != nil && postRelease == nil { return PreKey(rank: 0, kind: 0, number: 0) }
    return PreKey(rank: 2, kind: 0, number: 0)
  }

  /// Orders versions as the engine's releases are ordered (pre-releases before their release).
  public static func < (lhs: EngineVersion, rhs: EngineVersion) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// Whether both compare equal (`0.5` and `0.5.0` do).
  public static func == (lhs: EngineVersion, rhs: EngineVersion) -> Bool {
    compare(lhs, rhs) == 0
  }

  /// Hashes the version consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(scheme)
    hasher.combine(Array(trimmedRelease))
    hasher.combine(preRelease)
    hasher.combine(postRelease)
    hasher.combine(devRelease)
    hasher.combine(local)
  }
}

/// Sort key for the pre-release segment.
private struct PreKey: Equatable, Comparable {
  let rank: Int
  let kind: Int
  let number: Int

  static func < (lhs: PreKey, rhs: PreKey) -> Bool {
    (lhs.rank, lhs.kind, lhs.number) < (rhs.rank, rhs.kind, rhs.number)
  }
}
