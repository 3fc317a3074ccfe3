import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI's text goes: the process's stdout and stderr, or buffers a test reads
/// (swift-log's `StreamLogHandler(label:stream:)` pattern, chosen per task).
///
/// Every `Terminal` writes to `OutputStreams.current`; a test runs a command inside
/// `OutputStreams.$current.withValue(captured) { ... }` to read what it printed.
struct OutputStreams: Sendable {
  /// Data.
  var out: any TextOutputStream & Sendable
  /// Diagnostics.
  var err: any TextOutputStream & Sendable
  /// The descriptors behind `out` and `err` when they are the process's own (for `isatty`
  /// and the terminal width); nil for captured streams, which are never terminals.
  var descriptors: (out: Int32, err: Int32)?

  /// The process's stdout and stderr, unbuffered.
  static let standard = OutputStreams(
    out: FileDescriptorStream(fd: STDOUT_FILENO), err: FileDescriptorStream(fd: STDERR_FILENO),
    descriptors: (STDOUT_FILENO, STDERR_FILENO))

  /// The streams of the running task: `standard` unless a test bound others.
  @TaskLocal static var current = OutputStreams.standard

  /// Two fresh buffers, for running a command in-process.
  static func captured() -> (streams: OutputStreams, out: CapturedStream, err: CapturedStream) {
    let out = CapturedStream()
    let err = CapturedStream()
    return (OutputStreams(out: out, err: err, descriptors: nil), out, err)
  }
}

/// A file descriptor as a `TextOutputStream`: every write goes out at once (no buffer), so
/// stdout and stderr interleave in the order they were written.
struct FileDescriptorStream: TextOutputStream, Sendable {
  var fd: Int32

  func write(_ string: String) {
    var text = string
    text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// Writes all of `bytes` (until a write fails).
  func write(bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
      let n = Glibc.write(fd, base, left)
      if n <= 0 { return }
      base += n
      left -= n
    }
  }
}

/// Text kept in memory (for tests); safe to write from several threads.
final class CapturedStream: TextOutputStream, Sendable {
  private let buffer = Mutex("")

  func write(_ string: String) { buffer.withLock { $0 += string } }

  /// Everything written so far.
  var text: String { buffer.withLock { $0 } }
}
