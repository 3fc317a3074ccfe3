internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Lists recipe files: a file as given, a folder recursively (`*.yaml`, `*.yml`, sorted, hidden
/// entries skipped).
public enum RecipeFiles {
  /// The recipe files under each path, in order; `missing` gets the paths that do not exist.
  public static func list(_ paths: [String], missing: inout [String]) -> [String] {
    var out: [String] = []
    let fm = FileManager.default
    for path in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
        missing.append(path)
        continue
      }
      if !isDir.boolValue {
        out.append(path)
        continue
      }
      let items = (fm.enumerator(atPath: path)?.allObjects as? [String]) ?? []
      out += items.filter { item in
        (item.hasSuffix(".yaml") || item.hasSuffix(".yml"))
          && !item.split(separator: "/").contains { $0.hasPrefix(".") }
      }.sorted().map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
    }
    return out
  }

  /// Whether a path is an existing folder.
  public static func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }

  /// The bytes of a file, or nil.
  public static func read(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
  }

  /// Writes a file atomically: a temporary file next to it, then a rename, so that a reader
  /// never sees a half-written file. Creates missing parent folders.
  public static func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp")
    try Data(text.utf8).write(to: tmp)
    if rename(tmp.path, path) != 0 {
      try? FileManager.default.removeItem(at: tmp)
      throw CocoaError(.fileWriteUnknown)
    }
  }
}
