import Foundation
import Migrate

/// Reads the recipe a command-line argument names: a recipe FILE when one exists at that
/// path, else a registry recipe `NAME[@REV]` or `@SCOPE/NAME[@REV]`, read at its rev or
/// (`--locked`) at the blob the lock file pins. The one decision of show, plan and lint.
public struct RecipeResolver: Sendable {
  /// Where a registry recipe is read from.
  public var source: RecipeSource
  /// Whether an existing file at the argument's path is read (plan, lint); false takes every
  /// argument as a name (show).
  public var files: Bool

  /// A resolver reading from `source`, taking existing files as files unless `files` is false.
  public init(source: RecipeSource = .rev, files: Bool = true) {
    self.source = source
    self.files = files
  }

  /// A recipe argument read.
  public enum Resolved: Sendable {
    /// A file of any format, read at its path.
    case file(path: String, bytes: [UInt8], read: ReadRecipe)
    /// A registry recipe.
    case registry(RecipeLookup)

    /// The recipe as read.
    public var read: ReadRecipe {
      switch self {
      case .file(_, _, let read): read
      case .registry(let found): found.read
      }
    }

    /// The file's path, or the recipe's path in the registry.
    public var path: String {
      switch self {
      case .file(let path, _, _): path
      case .registry(let found): found.path
      }
    }

    /// The recipe's bytes.
    public var bytes: [UInt8] {
      switch self {
      case .file(_, let bytes, _): bytes
      case .registry(let found): found.bytes
      }
    }
  }

  /// Why an argument naming a file cannot be read.
  public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file exists but cannot be read.
    case unreadable(path: String)
    /// `--locked` with a file: the lock pins registry recipes by name.
    case lockedFile(path: String)

    /// A one-line message naming the file and the problem.
    public var description: String {
      switch self {
      case .unreadable(let path): "cannot read \(path)"
      case .lockedFile(let path): "--locked reads a registry recipe by name, not the file \(path)"
      }
    }
  }

  /// Reads what `argument` names.
  ///
  /// - Parameter registry: opens the registry; called only when the argument names a recipe
  ///   of it (a file needs none).
  /// - Throws: ``Failure`` for a file; for a name, what ``RecipeRegistry/resolve(_:from:)``
  ///   throws (``RegistryError``, ``PublishError``, ``LockError``) and what `registry` throws.
  public func resolve(_ argument: String, registry: () throws -> RecipeRegistry) throws -> Resolved
  {
    if files, Self.isFile(argument) {
      if case .locked = source { throw Failure.lockedFile(path: argument) }
      guard let bytes = POSIXFile.read(argument) else { throw Failure.unreadable(path: argument) }
      return .file(path: argument, bytes: bytes, read: RecipeReader.read(bytes, file: argument))
    }
    return .registry(try registry().resolve(RecipeReference(parsing: argument), from: source))
  }

  /// Whether something other than a folder exists at `path`.
  static func isFile(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
  }
}
