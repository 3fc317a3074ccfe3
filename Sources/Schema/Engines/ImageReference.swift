/// A container image reference split into repository, tag and digest: the one reading of
/// image references (``ContainerImage`` in Migrate builds on it, and the v1 accessors read
/// their version from its tag).
///
/// `lmsysorg/sglang:v0.5.8-cu130@sha256:46da…` → repository `lmsysorg/sglang`, tag
/// `v0.5.8-cu130`, digest `sha256:46da…`: pinned by digest, the tag still readable. A `:`
/// before the last `/` is a registry port (`host:5000/repo`), not a tag.
public struct ImageReference: Sendable, Hashable {
  /// Registry and path without tag or digest.
  public let repository: String
  /// The tag, nil when absent (or empty).
  public let tag: String?
  /// The digest after `@`, e.g. `sha256:46da…`, nil when absent.
  public let digest: String?

  public init(_ reference: String) {
    var rest = Substring(reference)
    if let at = rest.firstIndex(of: "@") {
      digest = String(rest[rest.index(after: at)...])
      rest = rest[..<at]
    } else {
      digest = nil
    }
    let lastSlash = rest.lastIndex(of: "/")
    if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
      repository = String(rest[..<colon])
      let t = String(rest[rest.index(after: colon)...])
      tag = t.isEmpty ? nil : t
    } else {
      repository = String(rest)
      tag = nil
    }
  }

  /// True when the reference carries a digest: the bytes are fixed whatever the tag says.
  public var isPinnedByDigest: Bool { digest != nil }
}
