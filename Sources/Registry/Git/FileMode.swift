/// The mode of a tree entry (`100644`, `100755`, `040000`, `120000`, `160000`).
package struct FileMode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  /// The octal mode as stored in git, e.g. `0o100644`.
  package let rawValue: UInt32

  package init(rawValue: UInt32) { self.rawValue = rawValue }

  /// A regular file.
  package static let blob = FileMode(rawValue: 0o100644)
  /// An executable file.
  package static let executable = FileMode(rawValue: 0o100755)
  /// A subdirectory.
  package static let tree = FileMode(rawValue: 0o040000)
  /// A symbolic link.
  package static let link = FileMode(rawValue: 0o120000)
  /// A submodule commit.
  package static let commit = FileMode(rawValue: 0o160000)

  /// Whether the entry is a file (regular, executable) or a symbolic link.
  package var isBlob: Bool { self == .blob || self == .executable || self == .link }
  /// Whether the entry is a subdirectory.
  package var isTree: Bool { self == .tree }

  /// Six octal digits, as `git ls-tree` prints them.
  package var description: String {
    let digits = String(rawValue, radix: 8)
    return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }
}
