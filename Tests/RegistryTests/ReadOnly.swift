import Foundation
import TestSupport

/// Makes a directory tree read-only for the test process: `chmod -R a-w` when permissions are
/// enforced (not root), else `chattr -R +i` (root), else a read-only bind mount.
struct ReadOnly {
  let how: String
  private let undoCommand: [String]

  /// Whether a directory can be made read-only here (tried once on a scratch directory).
  static let isPossible: Bool = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "readonly-probe-\(UUID().uuidString)"
    ).path
    guard
      (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true))
        != nil
    else {
      return false
    }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    guard let r = attempt(dir) else { return false }
    r.undo()
    return true
  }()

  /// Makes `path` read-only.
  /// - Throws: ``Impossible`` when this machine offers no way (see ``isPossible``).
  static func make(_ path: String) throws -> ReadOnly {
    guard let r = attempt(path) else { throw Impossible() }
    return r
  }

  struct Impossible: Error, CustomStringConvertible {
    var description: String {
      "running as root without chattr or mount: cannot make a read-only repository"
    }
  }

  private static func attempt(_ path: String) -> ReadOnly? {
    if geteuid() != 0 {
      _ = try? Subprocess.run("/bin/chmod", ["-R", "a-w", path])
      return ReadOnly(how: "chmod -R a-w", undoCommand: ["/bin/chmod", "-R", "u+w", path])
    }
    if let chattr = ["/usr/bin/chattr", "/bin/chattr"].first(
      where: FileManager.default.isExecutableFile),
      (try? Subprocess.run(chattr, ["-R", "+i", path]))?.status == 0
    {
      return ReadOnly(
        how: "chattr -R +i (root ignores permissions)", undoCommand: [chattr, "-R", "-i", path])
    }
    if (try? Subprocess.run("/bin/mount", ["--bind", "-o", "ro", path, path]))?.status == 0 {
      return ReadOnly(how: "read-only bind mount (root)", undoCommand: ["/bin/umount", path])
    }
    return nil
  }

  func undo() { _ = try? Subprocess.run(undoCommand[0], Array(undoCommand.dropFirst())) }
}
