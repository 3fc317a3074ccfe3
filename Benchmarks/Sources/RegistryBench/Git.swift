import Foundation

/// git for the untimed setup (generating history, one-file commits, clones), with an
/// isolated configuration.
enum Git {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let environment: [String: String] = [
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
  ]

  /// Runs git; returns its standard output without the trailing newline.
  @discardableResult
  static func run(_ args: [String], env extra: [String: String] = [:], input: [UInt8]? = nil) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git"] + args
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment.merging(extra, uniquingKeysWith: { $1 }) { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe(), stdin = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try p.run()
    if let input {
      // Written on another thread: a large stream would fill the pipe while git fills stdout.
      let handle = stdin.fileHandleForWriting
      let writer = Thread {
        try? handle.write(contentsOf: Data(input))
        try? handle.close()
      }
      writer.start()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw Failure(description: "git \(args.joined(separator: " ")): \(String(decoding: errData, as: UTF8.self))")
    }
    var s = String(decoding: data, as: UTF8.self)
    if s.hasSuffix("\n") { s.removeLast() }
    return s
  }
}
