import Foundation

/// The shared real-world corpus (`../shared/corpus` from the package root); never copied.
public enum Corpus {
  public static let root: String = PackageRoot.url.deletingLastPathComponent()
    .appendingPathComponent("shared/corpus").standardizedFileURL.path

  /// Nil when present, else the reason to skip (see the `.requiresCorpus` trait).
  public static var skipReason: String? {
    FileManager.default.fileExists(atPath: root + "/MANIFEST.tsv")
      ? nil : "corpus not found at \(root)"
  }

  /// One MANIFEST.tsv row with the file's path on disk.
  public struct Entry: Sendable, CustomStringConvertible {
    public var source: String
    public var path: String
    public var kind: String
    public var notes: String
    public var file: String
    public var description: String { "\(source):\(path)" }
    /// Whether ``file`` is in this snapshot of the corpus (a few rows of the manifest name
    /// saved older versions the snapshot does not hold; see ``absentEntries()``).
    public var isPresent: Bool { FileManager.default.fileExists(atPath: file) }
  }

  /// MANIFEST rows; a `_history/<commit>/` note maps the row to the saved older version.
  public static func manifest() -> [Entry] {
    guard let text = try? String(contentsOfFile: root + "/MANIFEST.tsv", encoding: .utf8) else {
      return []
    }
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 4 else { return nil }
      let notes = f.count > 4 ? f[4] : ""
      let dir = root + "/" + f[0].replacingOccurrences(of: "/", with: "+")
      var file = dir + "/" + f[2]
      if let r = notes.range(of: "_history/") {
        let commit = notes[r.upperBound...].prefix { $0 != "/" }
        file = dir + "/_history/\(commit)/" + f[2]
      }
      return Entry(source: f[0], path: f[2], kind: f[3], notes: notes, file: file)
    }
  }

  /// Manifest rows that are YAML files in this snapshot.
  public static func yamlEntries() -> [Entry] {
    manifest().filter { ($0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml")) && $0.isPresent }
  }

  /// Manifest rows whose file is not in this snapshot (reported by a skipped test, so the
  /// tests over the corpus run on the files that are there).
  public static func absentEntries() -> [Entry] { manifest().filter { !$0.isPresent } }

  /// The bytes of a corpus file (a manifest row's ``Entry/file``).
  /// - Throws: ``Fixtures/Missing`` when the file is not there: a row of the manifest names it.
  public static func bytes(_ file: String) throws -> [UInt8] {
    try Fixtures.bytes(file)
  }
}
