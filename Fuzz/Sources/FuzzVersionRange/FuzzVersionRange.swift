import Engines

/// VersionRange(parsing:) and EngineVersion on arbitrary text split at the first newline:
/// a range, then a version. Canonical text must parse again to the same comparators, and
/// containment must agree between the two.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
  let rangeText = String(parts[0])
  let versionText = parts.count > 1 ? String(parts[1]) : rangeText
  let version = EngineVersion(versionText)
  if let version {
    _ = version.description
    _ = version < version
  }
  guard let range = try? VersionRange(parsing: rangeText) else { return 0 }
  guard let again = try? VersionRange(parsing: range.canonical) else {
    fatalError("canonical range does not parse: \(range.canonical.debugDescription) from \(rangeText.debugDescription)")
  }
  if let version {
    precondition(
      range.contains(version) == again.contains(version),
      "canonical range disagrees: \(rangeText.debugDescription) vs \(range.canonical.debugDescription) on \(versionText.debugDescription)")
  }
  return 0
}
