#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// The cluster profiles of the user, kept as one JSON file in the user's config directory:
/// `$REGISTRY_CONFIG_DIR/clusters.json`, else `$XDG_CONFIG_HOME/registry/clusters.json`, else
/// `~/.config/registry/clusters.json`.
public struct ClusterStore: Sendable {
  /// The environment variable that overrides the config directory (tests use a temp dir).
  public static let environmentVariable = "REGISTRY_CONFIG_DIR"

  /// The file the profiles are kept in.
  public let file: String

  /// A store kept in `file`.
  public init(file: String) {
    self.file = file
  }

  /// The store of the running user, located from `environment` (see the type's summary).
  public init(environment: [String: String]) {
    self.init(file: Self.configDirectory(environment: environment) + "/clusters.json")
  }

  /// The config directory: `$REGISTRY_CONFIG_DIR`, `$XDG_CONFIG_HOME/registry` or
  /// `$HOME/.config/registry`.
  public static func configDirectory(environment: [String: String]) -> String {
    if let d = environment[environmentVariable], !d.isEmpty { return d }
    if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/registry" }
    return (environment["HOME"] ?? "") + "/.config/registry"
  }

  private struct Contents: Codable {
    var clusters: [String: ClusterProfile]
  }

  /// Every profile, by name; empty when the file does not exist yet.
  ///
  /// - Throws: ``ClusterStoreError/unreadable(file:message:)`` when the file exists but is
  ///   not a profile file.
  public func load() throws(ClusterStoreError) -> [String: ClusterProfile] {
    guard FileManager.default.fileExists(atPath: file) else { return [:] }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: file))
      return try JSONDecoder().decode(Contents.self, from: data).clusters
    } catch {
      throw .unreadable(file: file, message: "\(error)")
    }
  }

  /// The profile called `name`.
  ///
  /// - Throws: ``ClusterStoreError/notFound(name:file:)`` or a read error.
  public func profile(_ name: String) throws(ClusterStoreError) -> ClusterProfile {
    guard let p = try load()[name] else { throw .notFound(name: name, file: file) }
    return p
  }

  /// Adds or replaces a profile, writing the file atomically (creating its directory).
  public func save(_ profile: ClusterProfile) throws(ClusterStoreError) {
    var all = try load()
    all[profile.name] = profile
    try write(all)
  }

  /// Removes the profile called `name`.
  ///
  /// - Throws: ``ClusterStoreError/notFound(name:file:)`` when there is none.
  public func remove(_ name: String) throws(ClusterStoreError) {
    var all = try load()
    guard all.removeValue(forKey: name) != nil else { throw .notFound(name: name, file: file) }
    try write(all)
  }

  private func write(_ all: [String: ClusterProfile]) throws(ClusterStoreError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    do {
      let dir = URL(fileURLWithPath: file).deletingLastPathComponent()
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try encoder.encode(Contents(clusters: all)).write(
        to: URL(fileURLWithPath: file), options: .atomic)
    } catch {
      throw .unwritable(file: file, message: "\(error)")
    }
  }
}
