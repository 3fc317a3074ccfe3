import Foundation
import Synchronization

/// One run of the built `registry` executable (or a shell wrapping it), optionally killed
/// with SIGKILL after a delay: for crash-safety and failure-mode tests.
struct CLIRun {
  /// The exit status (or the signal number when `killed`).
  var status: Int32
  /// True when the process died of SIGKILL sent by ``run(_:_:killAfter:)``.
  var killed: Bool
  var stdout: String
  var stderr: String

  /// Runs `executable` with `arguments`; output is read through pipes (never files, so a
  /// file-size limit on the child does not touch it).
  /// - Parameter killAfter: seconds after which the process is sent SIGKILL if still running.
  static func run(_ executable: String, _ arguments: [String], killAfter: Double? = nil) throws -> CLIRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let outText = PipeReader(out), errText = PipeReader(err)
    try process.run()
    var sentKill = false
    if let killAfter {
      let deadline = Date().addingTimeInterval(killAfter)
      while process.isRunning && Date() < deadline { usleep(200) }
      if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        sentKill = true
      }
    }
    process.waitUntilExit()
    let killed = sentKill && process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    return CLIRun(
      status: process.terminationStatus, killed: killed, stdout: outText.text(), stderr: errText.text())
  }

  /// Runs `executable` under `/bin/sh` after `setup` (shell commands, e.g. `ulimit -f 0`).
  static func run(_ executable: String, _ arguments: [String], shellSetup setup: String) throws -> CLIRun {
    try run("/bin/sh", ["-c", setup + "; exec \"$0\" \"$@\"", executable] + arguments)
  }
}

/// Reads a pipe to its end on a background thread.
private final class PipeReader: Sendable {
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

  func text() -> String {
    done.wait()
    return data.withLock { String(decoding: $0, as: UTF8.self) }
  }
}
