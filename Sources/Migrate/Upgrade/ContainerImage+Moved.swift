public import Engines

extension ContainerImage {
  /// The reference with its tag's version moved to `target`, as `upgrade` does
  /// (`lmsysorg/sglang:v0.5.8-cu130@sha256:…` → `lmsysorg/sglang:v0.5.23-cu130`: a digest pins
  /// the old bytes, so it is dropped); nil when the tag names no engine version (a moving or
  /// missing tag, a Dynamo runtime's release), so which image runs `target` cannot be told.
  public func moved(to target: EngineVersion) -> String? {
    guard let tag, let version = engineVersion,
      let newTag = Upgrader.retag(tag, version: version, to: target)
    else { return nil }
    return repository + ":" + newTag
  }
}
