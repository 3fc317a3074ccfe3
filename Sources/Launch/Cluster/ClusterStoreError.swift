/// Why a cluster profile could not be read or written.
public enum ClusterStoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No profile has this name.
  case notFound(name: String, file: String)
  /// The profile file exists but cannot be read as one.
  case unreadable(file: String, message: String)
  /// The profile file cannot be written.
  case unwritable(file: String, message: String)

  /// A one-line message naming the file.
  public var description: String {
    switch self {
    case .notFound(let name, let file):
      return "no cluster profile '\(name)' in \(file) (add one with 'registry cluster add')"
    case .unreadable(let file, let message): return "cannot read \(file): \(message)"
    case .unwritable(let file, let message): return "cannot write \(file): \(message)"
    }
  }
}
