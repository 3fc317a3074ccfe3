extension RecipeRegistry {
  /// The recipe `reference` names, read from `source`: the one code path of every command
  /// that takes `NAME[@REV]`, `@scope/NAME[@REV]` and `--locked` (show, plan, lock, upgrade).
  ///
  /// - Throws: ``RegistryError`` (no such recipe or rev), ``PublishError`` (unknown or
  ///   unfetched scope), ``LockError`` (not locked, lock unreadable, locked blob unreachable).
  public func resolve(_ reference: RecipeReference, from source: RecipeSource = .rev) throws
    -> RecipeLookup
  {
    switch source {
    case .rev:
      var found = try recipe(
        named: reference.name, at: try RegistrySync(registry: self).rev(for: reference))
      found.name = RegistryLock.key(for: reference)
      return found
    case .locked(let lockFile):
      if let rev = reference.rev {
        throw LockError.revWithLock(name: reference.description, rev: rev, path: lockFile)
      }
      return try RegistryLock.read(from: lockFile).resolve(
        RegistryLock.key(for: reference), in: self, lockPath: lockFile)
    }
  }
}
