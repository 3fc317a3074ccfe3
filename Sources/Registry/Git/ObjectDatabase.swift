internal import CGit2

/// Owns a libgit2 object database handle (`git_odb`) of a repository.
final class ObjectDatabase {
  let pointer: OpaquePointer

  init(pointer: OpaquePointer) { self.pointer = pointer }

  deinit { git_odb_free(pointer) }
}
