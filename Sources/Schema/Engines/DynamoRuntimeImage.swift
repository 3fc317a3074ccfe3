/// NVIDIA Dynamo runtime images (`nvcr.io/nvidia/ai-dynamo/<engine>-runtime:<tag>`) carry
/// Dynamo's release in their tag, not the engine's: a tag of such an image is never an engine
/// version.
public enum DynamoRuntimeImage {
  /// Whether `reference` (`repo[:tag][@digest]`) names a Dynamo runtime image.
  public static func matches(_ reference: String) -> Bool {
    var repo = Substring(reference)
    if let at = repo.firstIndex(of: "@") { repo = repo[..<at] }
    if let colon = repo.lastIndex(of: ":"), !repo[colon...].contains("/") { repo = repo[..<colon] }
    return repo.contains("ai-dynamo/") && repo.hasSuffix("-runtime")
  }
}
