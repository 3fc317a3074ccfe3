import Foundation
import Schema

/// Timing and git-CLI helpers for the registry benchmarks.
enum BenchSupport {
  static func time(_ body: () throws -> Void) rethrows -> Double {
    try BenchTimer.time(body)
  }

  static func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
  }

  /// Runs git with an isolated config; stdout to /dev/null unless captured.
  @discardableResult
  static func git(
    _ args: [String], env extra: [String: String] = [:], capture: Bool = false, input: [UInt8]? = nil
  ) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git"] + args
    var env = ProcessInfo.processInfo.environment
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    env["GIT_AUTHOR_NAME"] = "Bench"; env["GIT_AUTHOR_EMAIL"] = "bench@example.com"
    env["GIT_COMMITTER_NAME"] = "Bench"; env["GIT_COMMITTER_EMAIL"] = "bench@example.com"
    for (k, v) in extra { env[k] = v }
    p.environment = env
    let out = Pipe()
    p.standardOutput = capture ? out : FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    let stdin = Pipe()
    if input != nil { p.standardInput = stdin }
    try p.run()
    if let input {
      try stdin.fileHandleForWriting.write(contentsOf: Data(input))
      try stdin.fileHandleForWriting.close()
    }
    let data = capture ? out.fileHandleForReading.readDataToEndOfFile() : Data()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw CLIError("git \(args.joined(separator: " ")) failed") }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func tempDir(_ prefix: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func line(_ label: String, _ ours: Double, _ reference: Double?, budget: String) -> String {
    var s = String(format: "%@: %.1f ms", label, ours * 1000)
    if let reference { s += String(format: " (git %.1f ms, ratio %.2f)", reference * 1000, ours / reference) }
    return s + "  budget: " + budget
  }
}
