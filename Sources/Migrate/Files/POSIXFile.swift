internal import Foundation

#if canImport(Glibc)
internal import Glibc
#endif

/// Whole-file reads and writes with plain POSIX calls: no fsync and no temporary file of
/// Foundation's, for files read and written by the thousand (recipes, export documents, cache
/// shards). The one home of the package's file I/O loops.
package enum POSIXFile {
  /// The bytes of a file (a regular file, or a pipe or device read to its end); nil when it
  /// cannot be read or is a folder.
  package static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
    var out = [UInt8](repeating: 0, count: Int(info.st_size))
    var done = 0
    let regular = (info.st_mode & S_IFMT) == S_IFREG
    while true {
      // A regular file ends at its size (no further read to find the end).
      if regular && done == out.count && done > 0 { break }
      if done == out.count {
        out.append(contentsOf: [UInt8](repeating: 0, count: max(4096, out.count)))
      }
      let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      done += n
    }
    out.removeLast(out.count - done)
    return out
  }

  /// Writes `bytes` to `path`, replacing it; with `exclusive`, fails when `path` exists.
  /// - Returns: an error message, nil on success.
  package static func write(
    _ bytes: UnsafeRawBufferPointer, to path: String, exclusive: Bool = false
  ) -> String? {
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
    let fd = open(path, flags, 0o644)
    guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
    defer { close(fd) }
    guard write(bytes, fd: fd) else {
      return "cannot write \(path): \(String(cString: strerror(errno)))"
    }
    return nil
  }

  /// Writes all of `bytes` to an open file; false when a write fails.
  package static func write(_ bytes: UnsafeRawBufferPointer, fd: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0, errno == EINTR { continue }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }

  /// Whether the file at `path` holds exactly `bytes` (false when it cannot be read).
  package static func holds(_ bytes: UnsafeRawBufferPointer, at path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, Int(st.st_size) == bytes.count else { return false }
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(bytes.count, 1), alignment: 1)
    defer { buffer.deallocate() }
    var done = 0
    while done < bytes.count {
      let n = Glibc.read(fd, buffer.baseAddress! + done, bytes.count - done)
      if n < 0, errno == EINTR { continue }
      if n <= 0 { return false }
      done += n
    }
    return memcmp(buffer.baseAddress!, bytes.baseAddress!, bytes.count) == 0
  }
}
