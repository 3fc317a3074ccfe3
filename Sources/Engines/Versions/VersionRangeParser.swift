/// Parses the text of a ``VersionRange``; see that type for the grammar.
struct VersionRangeParser {
  private let text: String
  private let scalars: [Unicode.Scalar]

  init(_ text: String) {
    self.text = text
    self.scalars = Array(text.unicodeScalars)
  }

  func parse() throws(VersionRangeError) -> VersionRange {
    if scalars.allSatisfy({ $0 == " " || $0 == "\t" }) {
      throw VersionRangeError(kind: .empty, column: 1, input: text)
    }
    // Split at commas, remembering each clause's start column (0-based).
    var clauses: [(start: Int, end: Int)] = []
    var start = 0
    for (i, s) in scalars.enumerated() where s == "," {
      clauses.append((start, i))
      start = i + 1
    }
    clauses.append((start, scalars.count))

    var comparators: [VersionRange.Comparator] = []
    var sawWildcard = false
    for clause in clauses {
      var lo = clause.start
      var hi = clause.end
      while lo < hi, scalars[lo] == " " || scalars[lo] == "\t" { lo += 1 }
      while hi > lo, scalars[hi - 1] == " " || scalars[hi - 1] == "\t" { hi -= 1 }
      guard lo < hi else {
        throw VersionRangeError(
          kind: .emptyClause, column: min(lo, scalars.count - 1) + 1, input: text)
      }
      if hi - lo == 1, scalars[lo] == "*" {
        guard clauses.count == 1 else {
          throw VersionRangeError(kind: .wildcardNotAlone, column: lo + 1, input: text)
        }
        sawWildcard = true
        continue
      }
      comparators += try parseClause(lo, hi)
    }
    if sawWildcard { return VersionRange(comparators: [], original: text) }
    return VersionRange(comparators: comparators, original: text)
  }

  /// Pads an upper bound with zeros to at least three components (`0.11` → `0.11.0`).
  private func padded(_ release: [Int], to count: Int) -> [Int] {
    let width = max(3, count)
    return release.count >= width
      ? release : release + Array(repeating: 0, count: width - release.count)
  }

  private enum Prefix {
    case op(VersionRange.Comparator.Operator)
    case tilde, caret
  }

  private func parseClause(_ lo: Int, _ hi: Int) throws(VersionRangeError) -> [VersionRange
    .Comparator]
  {
    var i = lo
    let prefix: Prefix
    func at(_ k: Int) -> Unicode.Scalar? { k < hi ? scalars[k] : nil }
    switch (at(i), at(i + 1)) {
    case (">", "="):
      prefix = .op(.greaterThanOrEqual)
      i += 2
    case ("<", "="):
      prefix = .op(.lessThanOrEqual)
      i += 2
    case ("!", "="):
      prefix = .op(.notEqual)
      i += 2
    case ("=", "="):
      prefix = .op(.equal)
      i += 2
    case (">", _):
      prefix = .op(.greaterThan)
      i += 1
    case ("<", _):
      prefix = .op(.lessThan)
      i += 1
    case ("=", _):
      prefix = .op(.equal)
      i += 1
    case ("~", _):
      prefix = .tilde
      i += 1
    case ("^", _):
      prefix = .caret
      i += 1
    default: prefix = .op(.equal)
    }
    while i < hi, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
    guard i < hi else {
      throw VersionRangeError(
        kind: .missingVersion, column: min(i, scalars.count - 1) + 1, input: text)
    }
    var versionText = ""
    versionText.unicodeScalars.append(contentsOf: scalars[i..<hi])
    if versionText == "*" {
      throw VersionRangeError(kind: .wildcardNotAlone, column: i + 1, input: text)
    }
    guard let version = EngineVersion(versionText) else {
      throw VersionRangeError(kind: .invalidVersion(versionText), column: i + 1, input: text)
    }
    if version.scheme == .build {
      if case .op = prefix {} else {
        throw VersionRangeError(kind: .bumpOfBuildNumber(versionText), column: lo + 1, input: text)
      }
    }
    switch prefix {
    case .op(let op):
      return [VersionRange.Comparator(op, version)]
    case .tilde:
      // ~1 → <2; ~1.2 → <1.3; ~1.2.3 → <1.3.0.
      let r = version.release
      let upper = padded(r.count == 1 ? [r[0] + 1] : [r[0], r[1] + 1], to: r.count)
      return [
        VersionRange.Comparator(.greaterThanOrEqual, version),
        VersionRange.Comparator(.lessThan, EngineVersion(release: upper)),
      ]
    case .caret:
      let r = version.release
      let bump = r.firstIndex(where: { $0 != 0 }) ?? (r.count - 1)
      var upper = Array(r[0...bump])
      upper[bump] += 1
      upper = padded(upper, to: r.count)
      return [
        VersionRange.Comparator(.greaterThanOrEqual, version),
        VersionRange.Comparator(.lessThan, EngineVersion(release: upper)),
      ]
    }
  }
}
