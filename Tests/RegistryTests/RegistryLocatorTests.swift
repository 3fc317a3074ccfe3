import Foundation
import Testing

@testable import Registry

/// `--repo`, then `$RECIPE_REGISTRY`, then the enclosing registry checkout, then the embedded
/// one; the process's environment and directory are read only when they are needed.
@Suite struct RegistryLocatorTests {
  /// A temporary folder holding `.git` and `registry.yaml` (a registry checkout) with `sub/`.
  static func checkout() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "locator-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
    try Data("root: recipes\n".utf8).write(to: root.appendingPathComponent("registry.yaml"))
    return root
  }

  @Test func anExplicitPathWinsOverEverythingElse() throws {
    let root = try Self.checkout()
    defer { try? FileManager.default.removeItem(at: root) }
    let found = RegistryLocator.locate(
      explicit: "/x", environment: ["RECIPE_REGISTRY": "/env"], currentDirectory: root.path)
    #expect(found?.path == "/x" && found?.source == .option)
  }

  @Test func theEnvironmentComesBeforeTheEnclosingCheckout() throws {
    let root = try Self.checkout()
    defer { try? FileManager.default.removeItem(at: root) }
    let found = RegistryLocator.locate(
      explicit: nil, environment: ["RECIPE_REGISTRY": "/env"], currentDirectory: root.path)
    #expect(found?.path == "/env" && found?.source == .environment)
    // An empty variable does not count.
    let enclosing = RegistryLocator.locate(
      explicit: nil, environment: ["RECIPE_REGISTRY": ""],
      currentDirectory: root.appendingPathComponent("sub/deeper").path, executablePath: nil)
    #expect(enclosing?.source == .enclosing)
    #expect(enclosing?.path == root.standardizedFileURL.path)
  }

  @Test func withoutAnyRegistryItIsNil() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "locator-none-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent(".git"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // A git checkout without registry.yaml stops the walk up; no binary path, no embedded one.
    #expect(
      RegistryLocator.locate(
        explicit: nil, environment: [:], currentDirectory: dir.path, executablePath: nil) == nil)
  }
}
