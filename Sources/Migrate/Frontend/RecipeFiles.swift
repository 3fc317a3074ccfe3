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

  /// The bytes of a file, or nil (`POSIXFile.read`).
  public static func read(_ path: String) -> [UInt8]? {
    POSIXFile.read(path)
  }

  /// Writes a file atomically, so that a reader never sees a half-written file: an unnamed
  /// file in the folder (`O_TMPFILE`) linked at `path` once written, or, where that cannot be
  /// done, a named temporary file renamed over `path`. Creates missing parent folders.
  /// - Throws: `CocoaError(.fileWriteUnknown)` when the file cannot be written.
  public static func writeAtomically(_ text: String, to path: String) throws {
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
    let dir = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let tmp = (slash == nil ? "" : dir + "/") + ".\(name).\(UInt32.random(in: 0...UInt32.max)).tmp"
    switch writeUnnamed(text, in: dir, linkAt: path, orAt: tmp) {
    case .linked: return
    case .linkedAtTemporary: break
    case .failed:
      if !write(text, to: tmp) {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        guard write(text, to: tmp) else {
          unlink(tmp)
          throw CocoaError(.fileWriteUnknown)
        }
      }
    }
    if rename(tmp, path) != 0 {
      unlink(tmp)
      throw CocoaError(.fileWriteUnknown)
    }
  }

  enum UnnamedWrite { case linked, linkedAtTemporary, failed }

  /// Writes `text` into an unnamed file in `dir` and links it at `path`, or at `tmp` when
  /// `path` exists. The new file's inode is made without holding the folder's lock (unlike a
  /// named create), so that workers writing into one folder do not wait for each other.
  static func writeUnnamed(_ text: String, in dir: String, linkAt path: String, orAt tmp: String)
    -> UnnamedWrite
  {
    #if os(Linux)
    let fd = open(dir, 0o20000000 | O_DIRECTORY | O_WRONLY, 0o644)  // O_TMPFILE
    guard fd >= 0 else { return .failed }
    defer { close(fd) }
    guard write(text, fd: fd) else { return .failed }
    let proc = "/proc/self/fd/\(fd)"
    if linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return .linked }
    guard errno == EEXIST else { return .failed }
    return linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0
      ? .linkedAtTemporary : .failed
    #else
    return .failed
    #endif
  }

  /// Writes a file with plain POSIX calls, no fsync; false when it cannot be created or written.
  static func write(_ text: String, to path: String) -> Bool {
    var text = text
    return text.withUTF8 { POSIXFile.write(UnsafeRawBufferPointer($0), to: path) == nil }
  }

  /// Writes all of `text` to an open file.
  static func write(_ text: String, fd: Int32) -> Bool {
    var text = text
    return text.withUTF8 { POSIXFile.write(UnsafeRawBufferPointer($0), fd: fd) }
  }
}
