import Foundation

/// Fixture files of a test target (`Tests/<Target>/Fixtures/...`).
///
/// A fixture that is not there fails the test that reads it (``Missing``); nothing reads as
/// empty.
public enum Fixtures {
  public static func directory(_ relative: String) -> String { PackageRoot.path(relative) }

  /// A fixture file or folder that is not there (or a folder without the files asked for).
  public struct Missing: Error, CustomStringConvertible {
    public var path: String
    public var what: String
    public var description: String { "missing fixture: \(what) \(path)" }
    public init(path: String, what: String) { (self.path, self.what) = (path, what) }
  }

  /// The names of the files with an extension in a directory, sorted.
  /// - Throws: ``Missing`` when the directory is not there or holds no such file.
  public static func names(in dir: String, ext: String = "yaml") throws -> [String] {
    guard let all = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
      throw Missing(path: dir, what: "no directory")
    }
    let names = all.filter { $0.hasSuffix("." + ext) }.sorted()
    guard !names.isEmpty else { throw Missing(path: dir, what: "no *.\(ext) file in") }
    return names
  }

  /// The bytes of a file.
  /// - Throws: ``Missing`` when it is not there.
  public static func bytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Missing(path: path, what: "no file")
    }
    return [UInt8](data)
  }

  /// The text of a UTF-8 file.
  /// - Throws: ``Missing`` when it is not there or not UTF-8.
  public static func text(_ path: String) throws -> String {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw Missing(path: path, what: "no UTF-8 file")
    }
    return text
  }

  /// Every YAML file of the Schema and Migrate fixtures (recursively) and of the shared corpus
  /// (read in place, when it is there), with a name for messages and its bytes.
  /// - Throws: ``Missing`` when a fixture folder, or a file the corpus manifest lists, is not there.
  public static func allYAMLSources() throws -> [(name: String, bytes: [UInt8])] {
    var out: [(name: String, bytes: [UInt8])] = []
    for dir in ["Tests/SchemaTests/Fixtures", "Tests/MigrateTests/Fixtures"] {
      let root = directory(dir)
      guard let walk = FileManager.default.enumerator(atPath: root) else {
        throw Missing(path: root, what: "no directory")
      }
      let files = walk.compactMap { $0 as? String }
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
      for file in files { out.append((dir + "/" + file, try bytes(root + "/" + file))) }
    }
    for entry in Corpus.yamlEntries() {
      out.append((entry.description, try Corpus.bytes(entry.file)))
    }
    return out
  }
}
