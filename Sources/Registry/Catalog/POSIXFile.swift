import Foundation

/// Whole-file reads and writes with plain POSIX calls: no fsync and no temporary file of
/// Foundation's, for files written by the thousand (export documents, cache shards).
enum POSIXFile {
  /// Writes `bytes` to `path`, replacing it; with `exclusive`, fails when `path` exists.
  /// - Returns: an error message, nil on success.
  static func write(_ bytes: UnsafeRawBufferPointer, to path: String, exclusive: Bool = false) -> String? {
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
    let fd = open(path, flags, 0o644)
    guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
      let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return "cannot write \(path): \(String(cString: strerror(errno)))"
      }
      offset += n
    }
    return nil
  }

  /// Whether the file at `path` holds exactly `bytes` (false when it cannot be read).
  static func holds(_ bytes: UnsafeRawBufferPointer, at path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, Int(st.st_size) == bytes.count else { return false }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
    defer { buffer.deallocate() }
    var done = 0
    while done < bytes.count {
      let n = Foundation.read(fd, buffer.baseAddress! + done, bytes.count - done)
      if n < 0, errno == EINTR { continue }
      if n <= 0 { return false }
      done += n
    }
    return memcmp(buffer.baseAddress!, bytes.baseAddress!, bytes.count) == 0
  }

  /// The bytes of a file; nil when it cannot be read.
  static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    let size = Int(st.st_size)
    var bytes = [UInt8](repeating: 0, count: size)
    var done = 0
    while done < size {
      let n = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + done, size - done) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { return nil }
      done += n
    }
    return bytes
  }
}
