import Foundation

/// Finds which registry a command works on: `--repo PATH`, else `$RECIPE_REGISTRY`, else the
/// enclosing git repository if it has `registry.yaml`, else the project's embedded registry
/// (the checkout the `registry` binary was built in).
public enum RegistryLocator {
  /// The environment variable that names a registry: `RECIPE_REGISTRY`.
  public static let environmentVariable = "RECIPE_REGISTRY"

  /// How the registry was chosen; the raw value names the source for messages.
  public enum Source: String, Sendable {
    case option = "--repo"
    case environment = "$RECIPE_REGISTRY"
    case enclosing = "enclosing repository"
    case embedded = "embedded registry"
  }

  /// The registry path and how it was chosen, or nil when none applies.
  /// - Parameters:
  ///   - environment: the environment to read; nil for the process's (read only when there is
  ///     no explicit path, as is the current directory).
  ///   - currentDirectory: where to start looking for an enclosing registry; nil for the
  ///     process's.
  public static func locate(
    explicit: String?, environment: [String: String]? = nil, currentDirectory: String? = nil,
    executablePath: String? = CommandLine.arguments.first
  ) -> (path: String, source: Source)? {
    if let explicit { return (explicit, .option) }
    let variable =
      environment.map { $0[environmentVariable] }
      ?? getenv(environmentVariable).map { String(cString: $0) }
    if let env = variable, !env.isEmpty { return (env, .environment) }
    let directory = currentDirectory ?? FileManager.default.currentDirectoryPath
    if let enclosing = enclosingRegistry(from: directory) { return (enclosing, .enclosing) }
    if let embedded = embeddedRegistry(executablePath: executablePath) {
      return (embedded, .embedded)
    }
    return nil
  }

  /// The nearest folder at or above `directory` that has both `.git` and `registry.yaml`.
  static func enclosingRegistry(from directory: String) -> String? {
    var dir = URL(fileURLWithPath: directory).standardizedFileURL
    let fm = FileManager.default
    for _ in 0..<64 {
      let hasGit = fm.fileExists(atPath: dir.appendingPathComponent(".git").path)
      let hasConfig = fm.fileExists(atPath: dir.appendingPathComponent("registry.yaml").path)
      if hasGit && hasConfig { return dir.path }
      if hasGit { return nil }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { return nil }
      dir = parent
    }
    return nil
  }

  /// The project checkout the binary lives in (`<root>/.build*/<config>/registry`).
  static func embeddedRegistry(executablePath: String?) -> String? {
    guard let exe = executablePath else { return nil }
    var url = URL(fileURLWithPath: exe).resolvingSymlinksInPath()
    for _ in 0..<6 {
      url = url.deletingLastPathComponent()
      let fm = FileManager.default
      if fm.fileExists(atPath: url.appendingPathComponent("registry.yaml").path),
        fm.fileExists(atPath: url.appendingPathComponent(".git").path)
      {
        return url.path
      }
    }
    return nil
  }
}
