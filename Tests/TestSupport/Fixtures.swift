import Foundation

/// Fixture files of a test target (`Tests/<Target>/Fixtures/...`).
public enum Fixtures {
  public static func directory(_ relative: String) -> String { PackageRoot.path(relative) }

  /// The names of the files with an extension in a directory, sorted.
  public static func names(in dir: String, ext: String = "yaml") -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
      .filter { $0.hasSuffix("." + ext) }.sorted()
  }

  public static func bytes(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
  }

  public static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
}
