import Foundation

/// The built `registry` executable, for the tests that run it.
///
/// Looked for next to the test bundle (the same build), then in any `.build*/debug/` under the
/// package root. Build it with `swift build --build-tests` (which builds executables too).
/// A test that needs it and finds none fails, naming every path looked at.
public enum RegistryBinary {
  /// Where the binary is looked for, in order.
  public static let candidates: [String] = {
    var out: [String] = []
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<4 {
      out.append(dir.appendingPathComponent("registry").path)
      dir.deleteLastPathComponent()
    }
    let root = PackageRoot.url.path
    let builds = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
      .filter { $0.hasPrefix(".build") }.sorted()
    out += builds.map { "\(root)/\($0)/debug/registry" }
    return out
  }()

  /// The first candidate that is an executable file.
  public static let located: String? = candidates.first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The binary's path.
  /// - Throws: ``Missing`` (listing the paths looked at) when it is not built.
  public static func path() throws -> String {
    guard let located else { throw Missing(lookedAt: candidates) }
    return located
  }

  /// Runs `registry` with arguments.
  /// - Throws: ``Missing`` when it is not built; what `Subprocess.run` throws.
  public static func run(_ args: [String]) throws -> Subprocess.Result {
    try Subprocess.run(try path(), args)
  }

  /// No built `registry` at any candidate path.
  public struct Missing: Error, CustomStringConvertible {
    public var lookedAt: [String]
    public var description: String {
      "registry binary not found; run swift build --build-tests first. Looked at:\n"
        + lookedAt.map { "  " + $0 }.joined(separator: "\n")
    }
  }

  /// A new empty directory under the temporary directory.
  public static func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("registry-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }
}
