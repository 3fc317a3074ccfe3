/// A host path mounted into a process's container.
public struct ContainerMount: Sendable, Hashable, Codable {
  /// The host path. ``huggingFaceCache`` stands for the user's Hugging Face cache, which a
  /// renderer expands at run time (`${HF_HOME:-$HOME/.cache/huggingface}`).
  public var source: String
  /// The path inside the container.
  public var target: String

  /// `source` on the host mounted at `target` in the container.
  public init(source: String, target: String) {
    self.source = source
    self.target = target
  }

  /// The source that means "the Hugging Face cache of the user running the plan".
  public static let huggingFaceCache = "$HF_HOME"
  /// Where the Hugging Face cache is mounted in a container (and `HF_HOME` points).
  public static let huggingFaceCacheTarget = "/root/.cache/huggingface"
  /// Where a local model directory is mounted, as srtctl mounts it.
  public static let modelTarget = "/model"

  /// Parses `SRC:DST` (the `--mount` spelling); nil when either side is empty or not absolute
  /// (`~` and `$HF_HOME` are allowed as the source's start).
  public init?(spec: String) {
    guard let colon = spec.firstIndex(of: ":") else { return nil }
    let src = String(spec[..<colon])
    let dst = String(spec[spec.index(after: colon)...])
    guard !src.isEmpty, dst.hasPrefix("/"), !dst.contains(":") else { return nil }
    self.init(source: src, target: dst)
  }

  /// `SRC:DST`.
  public var spec: String { "\(source):\(target)" }
}
