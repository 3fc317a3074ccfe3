import Foundation

/// Paths of the package and of the shared test data.
public enum PackageRoot {
  /// The package root (the directory holding Package.swift), found from this file's path.
  public static let url: URL = {
    var u = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while u.path != "/" {
      if FileManager.default.fileExists(atPath: u.appendingPathComponent("Package.swift").path) {
        return u
      }
      u.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  public static func path(_ relative: String) -> String {
    url.appendingPathComponent(relative).path
  }
}
