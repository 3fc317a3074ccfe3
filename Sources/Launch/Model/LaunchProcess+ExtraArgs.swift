internal import Engines
internal import Migrate

extension LaunchProcess {
  /// Appends `-- extra args` to the end of the command (after every recipe value and override),
  /// records their provenance as overrides, and warns when one repeats a flag the command
  /// already has: most engines keep the last value, so the extra argument wins.
  ///
  /// - Parameter extra: the words after `--`, as given.
  /// - Returns: one warning per repeated flag, naming the process, the flag and the old value.
  public mutating func appendExtraArgs(_ extra: [String]) -> [String] {
    var warnings: [String] = []
    let existing = Self.flagValues(argv)
    for (flag, _) in Self.flagValues(extra) {
      provenance.append(Provenance(flag, ValueOrigin(.override, "-- extra args")))
      if let old = existing.first(where: { $0.flag == flag }) {
        let was = old.value.map { " (was \(ShellQuote.quote($0)))" } ?? ""
        warnings.append(
          "\(name): extra argument \(flag) repeats a flag already set\(was); the extra value wins")
      }
    }
    argv += extra
    return warnings
  }

  /// The flags of an argument list with the value that follows each (`--x=1` or `--x 1`).
  static func flagValues(_ words: [String]) -> [(flag: String, value: String?)] {
    flagSpans(words).map { ($0.flag, $0.value) }
  }

  /// `words` without the given flags and the value each takes (read as ``flagValues(_:)``
  /// reads them).
  static func removingFlags(_ flags: Set<String>, from words: [String]) -> [String] {
    var out = words
    for span in flagSpans(words).reversed() where flags.contains(span.flag) {
      out.removeSubrange(span.words)
    }
    return out
  }

  /// Each flag of an argument list, its value, and the words the two take.
  private static func flagSpans(_ words: [String])
    -> [(flag: String, value: String?, words: Range<Int>)]
  {
    var out: [(String, String?, Range<Int>)] = []
    var i = words.startIndex
    while i < words.endIndex {
      let start = i
      let w = words[i]
      i += 1
      guard w.hasPrefix("-"), w.count > 1, w != "--" else { continue }
      if let eq = w.firstIndex(of: "=") {
        out.append((String(w[..<eq]), String(w[w.index(after: eq)...]), start..<i))
      } else if i < words.endIndex, !EngineConfigRenderer.looksLikeFlag(words[i]) {
        out.append((w, words[i], start..<(i + 1)))
        i += 1
      } else {
        out.append((w, nil, start..<i))
      }
    }
    return out
  }
}
