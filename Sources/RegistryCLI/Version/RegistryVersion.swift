/// The registry's version (defined here, once) and what this binary was built with.
enum RegistryVersion {
  /// The package version (semantic versioning).
  static let number = "0.1.0"

  /// What `registry --version` prints: the version and the build, e.g.
  /// `registry 0.1.0 (release build, Swift 6.3, Linux x86_64)`.
  static var line: String {
    "registry \(number) (\(build.configuration) build, Swift \(build.swift), \(build.platform))"
  }

  /// How this binary was built.
  struct Build: Codable, Equatable {
    /// `debug` or `release`.
    var configuration: String
    /// The Swift compiler's version (major.minor).
    var swift: String
    /// The operating system and architecture, e.g. `Linux x86_64`.
    var platform: String
  }

  /// The build of the running binary (from compile-time conditions).
  static let build = Build(configuration: configuration, swift: compiler, platform: os + " " + arch)

  private static var configuration: String {
    #if DEBUG
    "debug"
    #else
    "release"
    #endif
  }

  private static var compiler: String {
    #if compiler(>=6.5)
    "6.5 or later"
    #elseif compiler(>=6.4)
    "6.4"
    #elseif compiler(>=6.3)
    "6.3"
    #elseif compiler(>=6.2)
    "6.2"
    #elseif compiler(>=6.1)
    "6.1"
    #else
    "6.0"
    #endif
  }

  private static var os: String {
    #if os(Linux)
    "Linux"
    #elseif os(macOS)
    "macOS"
    #else
    "unknown OS"
    #endif
  }

  private static var arch: String {
    #if arch(x86_64)
    "x86_64"
    #elseif arch(arm64)
    "arm64"
    #else
    "unknown architecture"
    #endif
  }
}
