import Foundation
public import Migrate
public import Schema

/// Why a registry write (publish, pin, deprecate, migrate, push) did not happen.
/// Nothing is written to the branch when one of these is thrown.
public enum PublishError: ClassifiedError, Sendable {
  /// The file does not decode (errors block unless `force`).
  case invalidRecipe(file: String, diagnostics: [Diagnostic])
  /// The file has unknown keys or unknown enum values (warnings that usually are typos);
  /// `allowWarnings` publishes it anyway.
  case unknownFields(file: String, diagnostics: [Diagnostic])
  /// The recipe's name is not a safe path component.
  case unsafeName(name: String, file: String, reason: String)
  /// A recipe with that name exists and `replace` was not given.
  case exists(name: String, path: String)
  /// Two inputs of one call publish the same name.
  case duplicate(name: String, files: [String])
  /// Someone else changed the same recipe between the start tip and the new tip.
  case conflict(paths: [String], startTip: ObjectID?, newTip: ObjectID?)
  /// The CAS update kept failing.
  case tooManyRetries(Int)
  /// The branch's lock file (`<ref>.lock`) stayed in place for the whole wait: another git
  /// process is updating the branch, or one was killed while doing so.
  case locked(reference: String, lockFile: String, waited: Duration)
  /// Writing an object or the reference failed (full disk, no permission, I/O error) while
  /// updating `reference`; the branch is unchanged.
  case writeFailed(reference: String, repository: String, cause: GitError)
  /// The branch is checked out in a work tree whose staging index or files have local changes
  /// to paths the write changes: the write would overwrite them or leave the work tree behind
  /// the branch (the branch and work tree are unchanged).
  case localChanges(reference: String, workTree: String, paths: [String])
  /// The edit cannot be made in place (missing key, unsupported format, ...).
  case cannotEdit(String)
  /// A conversion would lose information (pass allowLoss).
  case loss([LossEntry])
  case registry(RegistryError)
  case git(GitError)

  /// A message naming what is wrong (with the file's diagnostics, if any).
  public var description: String {
    switch self {
    case .invalidRecipe(let file, let ds):
      let errors = ds.filter { $0.severity == .error }
      return
        "\(file) is not a valid recipe (\(errors.count) error\(errors.count == 1 ? "" : "s"); --force publishes anyway):\n"
        + errors.map(\.description).joined(separator: "\n")
    case .unknownFields(let file, let ds):
      return
        "\(file) has \(ds.count) unknown key\(ds.count == 1 ? "" : "s") or value\(ds.count == 1 ? "" : "s"), "
        + "usually a typo that changes what the recipe means (--allow-warnings publishes anyway):\n"
        + ds.map(\.description).joined(separator: "\n")
    case .unsafeName(let name, let file, let reason):
      return "\(file): '\(name)' cannot be a recipe name: \(reason)"
    case .exists(let name, let path):
      return
        "a recipe named '\(name)' exists at \(path): pass --replace to publish a new version of it"
    case .duplicate(let name, let files):
      return "'\(name)' is published twice in one call: \(files.joined(separator: ", "))"
    case .conflict(let paths, let start, let new):
      return
        "conflict: \(paths.joined(separator: ", ")) changed concurrently (\(start?.abbreviated(12) ?? "empty")..\(new?.abbreviated(12) ?? "empty")); nothing was written: re-read and try again"
    case .tooManyRetries(let n):
      return "the branch kept moving: gave up after \(n) attempts; nothing was written"
    case .locked(let reference, let lockFile, let waited):
      return
        "cannot update \(reference): it stayed locked for \(waited) (\(lockFile) exists); nothing was written\n"
        + "  hint: another git process is updating the branch, or one was killed while doing so: "
        + "if no git or registry process is running on this repository, remove \(lockFile) and try again"
    case .writeFailed(let reference, let repository, let cause):
      return
        "cannot update \(reference) in \(repository): \(cause); nothing was written (the branch is unchanged)"
        + (cause.writeHint.map { "\n  hint: " + $0 } ?? "")
    case .localChanges(let reference, let workTree, let paths):
      let shown = paths.prefix(10).joined(separator: ", ") + (paths.count > 10 ? ", ..." : "")
      return
        "cannot update \(reference): it is checked out in \(workTree), which has local changes to \(shown); nothing was written\n"
        + "  hint: commit or stash those changes ('git -C \(workTree) status' lists them) and run the command again, "
        + "or write to a bare clone of the registry and push"
    case .cannotEdit(let message):
      return message
    case .loss(let losses):
      return
        "the conversion would lose \(losses.count) value\(losses.count == 1 ? "" : "s") (pass --allow-loss):\n"
        + losses.map { "  \($0)" }.joined(separator: "\n")
    case .registry(let e): return e.description
    case .git(let e): return e.explained
    }
  }

  /// The warning codes ``unknownFields(file:diagnostics:)`` blocks on: an unknown key, an
  /// unknown enum value.
  public static let unknownFieldCodes: Set<String> = ["unknown-key", "unknown-value"]

  /// `.conflict` when the branch moved, is locked or already has the recipe (a rejected
  /// non-fast-forward push included), `.notFound` for missing things, `.failed` otherwise.
  public var kind: FailureKind {
    switch self {
    case .conflict, .tooManyRetries, .exists, .locked, .localChanges: return .conflict
    case .registry(let e): return e.kind
    case .git(let e) where e.code == .nonFastForward: return .conflict
    case .git(let e): return e.kind
    case .invalidRecipe, .unknownFields, .unsafeName, .duplicate, .writeFailed, .cannotEdit, .loss:
      return .failed
    }
  }
}
