/// Suggestions for misspelled names (keys, enum values, flags).
public enum DidYouMean {
  /// The candidate closest to `word` by edit distance (with transpositions, case-insensitive,
  /// `-` and `_` treated alike), if it is close enough to be a plausible typo.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let w = normalize(word)
    var best: (String, Int)?
    for candidate in candidates {
      let c = normalize(candidate)
      if c == w { return candidate }
      let limit = max(1, min(w.count, c.count) / 3)
      if abs(c.count - w.count) > limit { continue }
      let d = distance(w, c)
      if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    return best?.0
  }

  /// "did you mean 'x'?" or nil.
  public static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
    closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
  }

  private static func normalize(_ s: String) -> [UInt8] {
    s.utf8.map { c in
      if c == UInt8(ascii: "_") { return UInt8(ascii: "-") }
      if c >= 65 && c <= 90 { return c + 32 }
      return c
    }
  }

  /// Optimal string alignment distance (Damerau-Levenshtein without repeated edits).
  static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev2 = [Int](repeating: 0, count: b.count + 1)
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
        cur[j] = v
      }
      (prev2, prev, cur) = (prev, cur, prev2)
    }
    return prev[b.count]
  }
}
