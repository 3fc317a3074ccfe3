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
    var out: [(String, String?)] = []
    var i = words.startIndex
    while i < words.endIndex {
      let w = words[i]
      i += 1
      guard w.hasPrefix("-"), w.count > 1, w != "--" else { continue }
      if let eq = w.firstIndex(of: "=") {
        out.append((String(w[..<eq]), String(w[w.index(after: eq)...])))
      } else if i < words.endIndex, !EngineConfigRenderer.looksLikeFlag(words[i]) {
        out.append((w, words[i]))
        i += 1
      } else {
        out.append((w, nil))
      }
    }
    return out
  }
}
