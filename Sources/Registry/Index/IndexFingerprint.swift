import Migrate
import Schema

/// Identifies how this build reads recipes, so an index written by a build that read them
/// differently (fewer formats, an older decoder) is rebuilt rather than trusted.
package enum IndexFingerprint {
  /// Bump when decoding or summarising changes in a way that alters index records.
  package static let readerRevision = "reader-4"

  static let current: UInt64 = {
    var text = readerRevision
    for c in Converters.all { text += "," + c.format.rawValue }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { FastHash.hash($0) }
  }()
}
