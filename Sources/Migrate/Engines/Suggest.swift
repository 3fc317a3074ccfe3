/// Did-you-mean suggestions by edit distance.
///
/// Uses the optimal-string-alignment variant of Damerau–Levenshtein distance (insert,
/// delete, substitute, swap two adjacent characters), over Unicode scalars.
public enum Suggest {
  /// The candidate closest to `word`, or nil when none is close enough.
  ///
  /// The allowed distance grows with the word: 1 for up to 4 characters, 2 up to 8,
  /// 3 beyond (ignoring leading dashes). Ties go to the earliest candidate in sorted order
  /// so results are deterministic.
  ///
  /// - Parameters:
  ///   - word: what the user wrote, e.g. `--tp-szie`.
  ///   - candidates: the valid spellings.
  /// - Returns: the best candidate within the allowed distance; nil also when `word` is
  ///   itself a candidate.
  public static func closest(_ word: String, in candidates: some Sequence<String>) -> String? {
    let significant = word.drop(while: { $0 == "-" }).unicodeScalars.count
    let limit = significant <= 4 ? 1 : (significant <= 8 ? 2 : 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      if candidate == word { return nil }  // already valid: nothing to suggest
      let bound = min(limit, best.map { $0.distance } ?? limit)
      let d = distance(word, candidate, limit: bound)
      guard d <= bound else { continue }
      if let current = best, d > current.distance || (d == current.distance && candidate >= current.candidate) {
        continue
      }
      best = (candidate, d)
    }
    return best?.candidate
  }

  /// The optimal-string-alignment distance between `a` and `b`.
  ///
  /// - Parameter limit: stop early and return `limit + 1` once the distance is known to
  ///   exceed it; pass `Int.max` for the exact distance.
  public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if abs(x.count - y.count) > limit { return limit == .max ? limit : limit + 1 }
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous2 = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      var rowMin = current[0]
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
        rowMin = min(rowMin, value)
      }
      if limit != .max, rowMin > limit { return limit + 1 }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[y.count]
  }
}
