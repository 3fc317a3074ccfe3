import Foundation

/// Runs a program and captures its output.
public enum Subprocess {
  public struct Result: Sendable {
    /// The exit status, or the signal number when the process died of a signal.
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// True when the process died of the SIGKILL sent by `run(_:_:killAfter:)`.
    public var killed = false
  }

  /// The full path of a program on PATH, if any.
  public static func which(_ name: String) -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(
      separator: ":")
    return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs `executable`; stdout and stderr are read through pipes, concurrently (never files,
  /// so a file-size limit on the child does not touch them).
  /// - Parameter killAfter: seconds after which the process is sent SIGKILL if still running.
  public static func run(_ executable: String, _ arguments: [String], killAfter: Double? = nil)
    throws -> Result
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    let o = PipeReader(out)
    let e = PipeReader(err)
    try p.run()
    var sentKill = false
    if let killAfter {
      let deadline = Date().addingTimeInterval(killAfter)
      while p.isRunning && Date() < deadline { usleep(200) }
      if p.isRunning {
        kill(p.processIdentifier, SIGKILL)
        sentKill = true
      }
    }
    p.waitUntilExit()
    let killed =
      sentKill && p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL
    return Result(status: p.terminationStatus, stdout: o.text(), stderr: e.text(), killed: killed)
  }

  /// Runs `executable` under `/bin/sh` after `setup` (shell commands, e.g. `ulimit -f 0`).
  public static func run(_ executable: String, _ arguments: [String], shellSetup setup: String)
    throws -> Result
  {
    try run("/bin/sh", ["-c", setup + "; exec \"$0\" \"$@\"", executable] + arguments)
  }
}
