import Foundation

/// Paths of the package checkout, derived from this file's location.
enum Paths {
  /// The package root (the folder holding Package.swift).
  static let root: String = {
    var path = #filePath
    for _ in 0..<3 {  // Paths.swift → MigrateTests → Tests → root
      path = String(path[..<path.lastIndex(of: "/")!])
    }
    return path
  }()

  /// `spec/engines` in the checkout.
  static let specEngines = root + "/spec/engines"

  /// Reads a file as UTF-8 text.
  static func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }
}
