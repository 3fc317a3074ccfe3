import Foundation
import Synchronization

/// Reads a pipe to its end on a background thread (so two pipes of one process never block
/// each other).
final class PipeReader: Sendable {
  private let data = Mutex(Data())
  private let done = DispatchSemaphore(value: 0)

  init(_ pipe: Pipe) {
    let handle = pipe.fileHandleForReading
    DispatchQueue.global().async { [self] in
      let bytes = handle.readDataToEndOfFile()
      data.withLock { $0 = bytes }
      done.signal()
    }
  }

  /// Everything read, as UTF-8 text; waits for the end of the pipe.
  func text() -> String {
    done.wait()
    return data.withLock { String(decoding: $0, as: UTF8.self) }
  }
}
