import Foundation

/// The files below a directory, for "nothing was half-written or left behind" checks.
enum DirectoryListing {
  /// Every regular file below `root` (relative path → size in bytes).
  static func files(under root: String) -> [String: Int] {
    var out: [String: Int] = [:]
    let fm = FileManager.default
    for case let relative as String in fm.enumerator(atPath: root) ?? NSEnumerator() {
      let attributes = try? fm.attributesOfItem(atPath: root + "/" + relative)
      guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
      out[relative] = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }
    return out
  }

  /// Temporary and lock files below `root`: libgit2's `tmp_object_git2_*` (a loose object)
  /// and `pack_git2_*` (a pack being indexed), git's `*.lock`, the index cache's `.tmp-*`.
  static func debris(under root: String) -> [String] {
    files(under: root).keys.filter { path in
      let name = path.split(separator: "/").last.map(String.init) ?? path
      return name.hasPrefix("tmp_") || name.hasPrefix("pack_git2_") || name.hasPrefix(".tmp-")
        || name.hasSuffix(".lock")
    }.sorted()
  }
}
