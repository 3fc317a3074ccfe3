/// Why an index file cannot be used (it is then rebuilt, never trusted).
public enum IndexError: Error, Sendable, Hashable, CustomStringConvertible {
  case truncated
  case badMagic
  case unsupportedVersion(UInt32)
  case checksumMismatch
  case staleReader
  case malformed(String)

  /// A one-line message naming what is wrong.
  public var description: String {
    switch self {
    case .truncated: return "the index file is truncated"
    case .badMagic: return "the file is not a registry index"
    case .unsupportedVersion(let v): return "index format version \(v) is not supported"
    case .checksumMismatch: return "the index file is corrupted (checksum mismatch)"
    case .staleReader: return "the index was written by a build that reads recipes differently"
    case .malformed(let why): return "the index file is malformed: \(why)"
    }
  }
}
