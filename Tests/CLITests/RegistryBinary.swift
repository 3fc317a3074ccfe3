import Foundation
import TestSupport

/// The built `registry` executable: next to the test bundle (`.build-*/debug/registry`), else
/// any `.build*/debug/registry` under the package root. Build it with
/// `swift build --build-tests` (which builds executables too).
enum RegistryBinary {
  static let path: String? = {
    let fm = FileManager.default
    var candidates: [String] = []
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(dir.appendingPathComponent("registry").path)
      dir.deleteLastPathComponent()
    }
    let root = PackageRoot.url.path
    let builds = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix(".build") }.sorted()
    candidates += builds.map { "\(root)/\($0)/debug/registry" }
    return candidates.first { fm.isExecutableFile(atPath: $0) }
  }()

  /// Runs `registry` with arguments.
  static func run(_ args: [String]) throws -> Subprocess.Result {
    guard let path else { throw Missing() }
    return try Subprocess.run(path, args)
  }

  struct Missing: Error, CustomStringConvertible {
    var description: String { "registry binary not found; run swift build --build-tests first" }
  }

  static func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("registry-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }
}
