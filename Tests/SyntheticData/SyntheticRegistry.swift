import Foundation
import Registry

/// Writes a synthetic registry of N recipes (v1 in both layouts, v2, a few broken files) as
/// one commit, packed by `git fast-import`, for the tests and the Benchmarks package.
public enum SyntheticRegistry {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Creates a bare repository at `path` holding `count` recipes under `recipes/` on `main`.
  /// - Parameter brokenEvery: every n-th file is made invalid (0: none).
  public static func generate(at path: String, count: Int, seed: UInt64 = 1, brokenEvery: Int = 97)
    throws
  {
    try run(["git", "init", "-q", "--bare", "-b", "main", path])
    var gen = SyntheticRecipes(seed: seed)
    var stream = [UInt8]()
    stream.reserveCapacity(count * 1_100)
    func append(_ s: String) { stream.append(contentsOf: s.utf8) }
    func blob(_ mark: Int, _ text: String) {
      append("blob\nmark :\(mark)\ndata \(text.utf8.count)\n")
      append(text)
      append("\n")
    }
    blob(1, RegistryConfig(root: "recipes").text)
    var files: [(Int, String)] = [(1, RegistryConfig.fileName)]
    for i in 0..<count {
      let name = "synthetic-\(i)"
      var text = i % 2 == 0 ? gen.v1Recipe(name: name) : gen.v2Recipe(name: name)
      if brokenEvery > 0, i % brokenEvery == brokenEvery - 1 { text += "broken: [unclosed\n" }
      let model = SyntheticRecipes.models[i % SyntheticRecipes.models.count].lowercased()
      let engine = i % 2 == 0 ? "sglang" : "mixed"
      blob(i + 2, text)
      files.append((i + 2, "recipes/\(model)/\(engine)/\(name).yaml"))
    }
    let message = "Synthetic registry of \(count) recipes\n"
    append("commit refs/heads/main\n")
    append("author Bench <bench@example.com> 1700000000 +0000\n")
    append("committer Bench <bench@example.com> 1700000000 +0000\n")
    append("data \(message.utf8.count)\n\(message)")
    for (mark, file) in files { append("M 100644 :\(mark) \(file)\n") }
    append("\n")
    try run(["git", "--git-dir", path, "fast-import", "--quiet"], input: stream)
  }

  static func run(_ args: [String], input: [UInt8]? = nil) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    p.environment = env
    let stdin = Pipe()
    if input != nil { p.standardInput = stdin }
    let errPipe = Pipe()
    p.standardError = errPipe
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    if let input {
      let handle = stdin.fileHandleForWriting
      try handle.write(contentsOf: Data(input))
      try handle.close()
    }
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw Failure(
        description:
          "\(args.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self))")
    }
  }
}
