import Foundation

/// The bytes of one index file: a read-only memory mapping of the file, or an owned copy for
/// an index built in memory. Immutable after creation, so it is safe to share across threads.
final class IndexStorage: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  /// The file mapped, nil for bytes in memory.
  let path: String?
  private let unmap: Bool

  /// An owned copy of `array`.
  init(copying array: [UInt8]) {
    let p = UnsafeMutableRawBufferPointer.allocate(byteCount: max(array.count, 1), alignment: 8)
    array.withUnsafeBytes { src in
      if let base = src.baseAddress { p.baseAddress!.copyMemory(from: base, byteCount: src.count) }
    }
    bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[0..<array.count])
    path = nil
    unmap = false
  }

  /// A read-only mapping of the file at `path`, or nil when it cannot be opened or mapped.
  init?(mapping path: String) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
    let size = Int(st.st_size)
    guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
      return nil
    }
    bytes = UnsafeRawBufferPointer(start: p, count: size)
    self.path = path
    unmap = true
  }

  deinit {
    if unmap {
      munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    } else {
      UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
    }
  }
}
