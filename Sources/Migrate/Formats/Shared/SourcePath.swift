#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// The `provenance.source_path` an importer records for a file: never a path of the importing
/// machine.
///
/// An absolute path (or one that climbs out with `..`) is made relative to the root of the
/// git repository that holds the file (the registry, or the source repository); outside any
/// repository only the file name is kept. A plain relative path is kept as given.
public enum SourcePath {
  /// The path to record for `file`.
  public static func recorded(_ file: String) -> String {
    let climbs = file.split(separator: "/").contains("..")
    guard file.hasPrefix("/") || climbs else { return file }
    let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
    let name = absolute.split(separator: "/").last.map(String.init) ?? file
    var dir = URL(fileURLWithPath: absolute).deletingLastPathComponent()
    let fm = FileManager.default
    while dir.path != "/" && !dir.path.isEmpty {
      if fm.fileExists(atPath: dir.appendingPathComponent(".git").path) {
        let root = dir.path.hasSuffix("/") ? dir.path : dir.path + "/"
        return absolute.hasPrefix(root) ? String(absolute.dropFirst(root.count)) : name
      }
      dir.deleteLastPathComponent()
    }
    return name
  }
}
