/// NVIDIA Dynamo runtime images (`nvcr.io/nvidia/ai-dynamo/<engine>-runtime:<tag>`) carry
/// Dynamo's release in their tag, not the engine's: a tag of such an image is never an engine
/// version.
package enum DynamoRuntimeImage {
  /// Whether `reference` (`repo[:tag][@digest]`) names a Dynamo runtime image.
  package static func matches(_ reference: String) -> Bool {
    let u = Array(reference.utf8)
    var end = u.firstIndex(of: UInt8(ascii: "@")) ?? u.count
    if let colon = u[..<end].lastIndex(of: UInt8(ascii: ":")),
      !u[colon..<end].contains(UInt8(ascii: "/"))
    {
      end = colon
    }
    let repo = u[..<end]
    return repo.ends(with: "-runtime".utf8) && contains(repo, Array("ai-dynamo/".utf8))
  }

  private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    var i = haystack.startIndex
    while i + needle.count <= haystack.endIndex {
      if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
      i += 1
    }
    return false
  }
}

extension ArraySlice where Element == UInt8 {
  fileprivate func ends(with suffix: String.UTF8View) -> Bool {
    count >= suffix.count && self[(endIndex - suffix.count)...].elementsEqual(suffix)
  }
}
