import Registry
import Testing

/// The class each registry error reports (the CLI's exit codes follow from it).
@Suite struct FailureKindTests {
  static func git(_ code: GitError.Code) -> GitError {
    GitError(code: code, message: "m", function: "git_f")
  }

  @Test func gitErrorsByCode() {
    #expect(Self.git(.notFound).kind == .notFound)
    #expect(Self.git(.modified).kind == .conflict)
    #expect(Self.git(.locked).kind == .conflict)
    #expect(Self.git(.nonFastForward).kind == .failed)
    #expect(Self.git(.exists).kind == .failed)
  }

  @Test func registryErrors() {
    #expect(RegistryError.recipeNotFound(name: "a", rev: "HEAD", suggestion: nil).kind == .notFound)
    #expect(RegistryError.notARegistry(path: "/x").kind == .notFound)
    #expect(RegistryError.git(Self.git(.notFound)).kind == .notFound)
    #expect(RegistryError.git(Self.git(.locked)).kind == .conflict)
    #expect(RegistryError.git(Self.git(.nonFastForward)).kind == .failed)
    #expect(RegistryError.ambiguousRecipe(name: "a", paths: []).kind == .failed)
    #expect(RegistryError.io("x").kind == .failed)
    #expect(RegistryError.invalidConfig([]).kind == .failed)
  }

  @Test func lockErrors() {
    #expect(LockError.notLocked(name: "a", path: "l").kind == .notFound)
    #expect(
      LockError.unreachable(name: "a", blob: "b", commit: "c", path: "l", reason: "r").kind
        == .notFound)
    #expect(LockError.revWithLock(name: "a", rev: "r", path: "l").kind == .invalidRequest)
    #expect(LockError.unreadable(path: "l", reason: "r").kind == .failed)
    #expect(LockError.blobMismatch(name: "a", expected: "e", found: "f").kind == .failed)
  }

  @Test func publishErrors() {
    #expect(PublishError.conflict(paths: [], startTip: nil, newTip: nil).kind == .conflict)
    #expect(PublishError.tooManyRetries(3).kind == .conflict)
    #expect(PublishError.exists(name: "a", path: "p").kind == .conflict)
    #expect(
      PublishError.locked(reference: "r", lockFile: "f", waited: .seconds(1)).kind == .conflict)
    #expect(PublishError.git(Self.git(.nonFastForward)).kind == .conflict)
    #expect(PublishError.git(Self.git(.notFound)).kind == .notFound)
    #expect(PublishError.git(Self.git(.exists)).kind == .failed)
    #expect(
      PublishError.registry(.recipeNotFound(name: "a", rev: "HEAD", suggestion: nil)).kind
        == .notFound)
    #expect(PublishError.cannotEdit("x").kind == .failed)
    #expect(PublishError.duplicate(name: "a", files: []).kind == .failed)
  }
}
