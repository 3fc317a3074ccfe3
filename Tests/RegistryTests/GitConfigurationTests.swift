import Foundation
import Registry
import Testing

/// `git config --get` through libgit2: the repository's configuration around a folder.
@Suite struct GitConfigurationTests {
  @Test func readsTheRepositoryConfigurationFromItsFolders() throws {
    let fixture = try GitFixture()
    let dir = fixture.path("repo")
    _ = try GitRepository.create(at: dir)
    try fixture.git("config", "user.name", "Ada Lovelace", in: dir)
    try fixture.git("config", "registry.test-value", "a b", in: dir)
    try FileManager.default.createDirectory(
      atPath: dir + "/sub/deeper", withIntermediateDirectories: true)

    #expect(GitConfiguration.string("user.name", from: dir) == "Ada Lovelace")
    #expect(GitConfiguration.string("user.name", from: dir + "/sub/deeper") == "Ada Lovelace")
    #expect(GitConfiguration.string("registry.test-value", from: dir) == "a b")
    #expect(GitConfiguration.string("registry.test-value", from: fixture.root) == nil)
    #expect(GitConfiguration.string("registry.no-such-key", from: dir) == nil)
  }
}
