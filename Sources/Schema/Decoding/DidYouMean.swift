/// Did-you-mean suggestions for misspelled names (keys, enum values, engine flags).
///
/// Distance is the optimal-string-alignment variant of Damerau–Levenshtein (insert, delete,
/// substitute, swap two adjacent characters) over Unicode scalars, with case and `-`/`_`
/// folded so `Prefill_Nodes` finds `prefill-nodes`.
package enum DidYouMean {
  /// The candidate closest to `word`, or nil when none is close enough or `word` is itself a
  /// candidate.
  ///
  /// The allowed distance grows with the word: 1 for up to 4 characters, 2 up to 8, 3 beyond
  /// (leading dashes not counted). Ties go to the smaller candidate, so results are
  /// deterministic.
  package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let significant = word.drop(while: { $0 == "-" }).unicodeScalars.count
    let limit = significant <= 4 ? 1 : (significant <= 8 ? 2 : 3)
    let w = fold(word)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      if candidate == word { return nil }
      let bound = min(limit, best?.distance ?? limit)
      let d = distance(w, fold(candidate), limit: bound)
      guard d <= bound else { continue }
      if let current = best,
        d > current.distance || (d == current.distance && candidate >= current.candidate)
      {
        continue
      }
      best = (candidate, d)
    }
    return best?.candidate
  }

  /// "did you mean 'x'?" or nil.
  package static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
    closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
  }

  /// The optimal-string-alignment distance between `a` and `b` (exact characters).
  ///
  /// - Parameter limit: stop early and return `limit + 1` once the distance is known to
  ///   exceed it.
  package static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
    distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
  }

  private static func fold(_ s: String) -> [Unicode.Scalar] {
    s.unicodeScalars.map { c in
      if c == "_" { return "-" }
      if c.value >= 65 && c.value <= 90 { return Unicode.Scalar(c.value + 32)! }
      return c
    }
  }

  private static func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int {
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
