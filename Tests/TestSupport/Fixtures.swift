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

  /// Every YAML file of the Schema and Migrate fixtures (recursively) and of the shared corpus
  /// (read in place), with a name for messages and its bytes.
  public static func allYAMLSources() -> [(name: String, bytes: [UInt8])] {
    var out: [(name: String, bytes: [UInt8])] = []
    for dir in ["Tests/SchemaTests/Fixtures", "Tests/MigrateTests/Fixtures"] {
      let root = directory(dir)
      let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
      for file in files { out.append((dir + "/" + file, bytes(root + "/" + file))) }
    }
    for entry in Corpus.yamlEntries() {
      if let bytes = Corpus.bytes(entry.file) { out.append((entry.description, bytes)) }
    }
    return out
  }
}
