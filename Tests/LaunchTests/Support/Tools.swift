import Foundation
import TestSupport

/// The result of running a command.
struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
  var timedOut: Bool
  var output: String { stdout + stderr }
}

/// Process helpers for tests: find tools, run commands with a timeout, temp dirs, ports.
enum Tools {
  /// The package root (…/wt-launch), from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `../shared/schemas/NAME` relative to the package root, if present.
  static func sharedSchema(_ name: String) -> String? {
    let path = packageRoot.appendingPathComponent("../shared/schemas/\(name)").standardizedFileURL
      .path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// Runs `argv` and waits at most `timeout` seconds (then SIGTERM, then SIGKILL).
  static func run(
    _ argv: [String], stdin: String? = nil, environment: [String: String]? = nil,
    timeout: Double = 60
  ) throws -> RunResult {
    let dir = try makeTempDir("run")
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("out")
    let errURL = dir.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let p = Process()
    // Foundation's Process leaves most signals blocked in grandchildren here (SigBlk
    // fffffffe3bfaea27), so SIGTERM would never reach the processes a script starts. Clear the
    // mask first, as a terminal or sbatch would, then exec the command.
    let program = argv[0].hasPrefix("/") ? argv[0] : (Subprocess.which(argv[0]) ?? argv[0])
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments =
      [
        "python3", "-c",
        "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); signal.signal(signal.SIGPIPE, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
        program,
      ] + argv.dropFirst()
    if let environment { p.environment = environment }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    p.standardOutput = out
    p.standardError = err
    if let stdin {
      let inURL = dir.appendingPathComponent("in")
      try stdin.write(to: inURL, atomically: true, encoding: .utf8)
      p.standardInput = try FileHandle(forReadingFrom: inURL)
    } else {
      p.standardInput = FileHandle.nullDevice
    }
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while p.isRunning {
      if Date() > deadline {
        timedOut = true
        p.terminate()
        let hard = Date().addingTimeInterval(10)
        while p.isRunning && Date() < hard { usleep(50_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        break
      }
      usleep(20_000)
    }
    p.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(
      status: p.terminationStatus,
      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
      timedOut: timedOut)
  }

  /// A fresh directory under the temp dir.
  static func makeTempDir(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("launch-tests-\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes text to a file (optionally executable).
  static func write(_ text: String, to url: URL, executable: Bool = false) throws {
    try text.write(to: url, atomically: true, encoding: .utf8)
    if executable {
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }
  }

  /// `count` distinct free TCP ports on 127.0.0.1 (bound then released).
  static func freePorts(_ count: Int) throws -> [Int] {
    var ports: [Int] = []
    var fds: [Int32] = []
    defer { for fd in fds { close(fd) } }
    for _ in 0..<count {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      guard fd >= 0 else { throw ToolError("socket failed") }
      fds.append(fd)
      var addr = sockaddr_in()
      addr.sin_family = sa_family_t(AF_INET)
      addr.sin_port = 0
      addr.sin_addr.s_addr = inet_addr("127.0.0.1")
      let rc = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard rc == 0 else { throw ToolError("bind failed") }
      var len = socklen_t(MemoryLayout<sockaddr_in>.size)
      _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
      }
      ports.append(Int(UInt16(bigEndian: addr.sin_port)))
    }
    return ports
  }

  /// Whether something accepts TCP connections on 127.0.0.1:port.
  static func isListening(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let rc = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return rc == 0
  }

  /// Whether a process is still alive (a zombie counts as gone).
  static func isAlive(_ pid: Int) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
      return false
    }
    return !status.contains("State:\tZ")
  }
}

struct ToolError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
