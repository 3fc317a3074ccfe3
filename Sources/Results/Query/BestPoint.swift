/// The best workload point of a recipe: the highest output tokens/s per GPU among its records
/// whose TTFT meets a limit (any record without a limit).
public enum BestPoint {
  /// The best record, nil when none has a per-GPU figure or meets `ttft`.
  public static func best(_ records: [ResultRecord], ttft: LatencyLimit? = nil) -> ResultRecord? {
    var best: ResultRecord?
    for r in records {
      guard let v = r.figures.outputTokensPerSPerGPU else { continue }
      if let ttft, !ttft.admits(r.figures.ttft) { continue }
      if let b = best?.figures.outputTokensPerSPerGPU, b >= v { continue }
      best = r
    }
    return best
  }

  /// Recipe names ordered by their best figure (highest first); recipes without one keep
  /// their order after those with one.
  public static func order(
    _ names: [String], records: [String: [ResultRecord]], ttft: LatencyLimit?
  ) -> (names: [String], best: [String: ResultRecord]) {
    var best: [String: ResultRecord] = [:]
    for n in names {
      if let b = Self.best(records[n] ?? [], ttft: ttft) { best[n] = b }
    }
    let ranked = names.enumerated().sorted { a, b in
      switch (
        best[a.element]?.figures.outputTokensPerSPerGPU,
        best[b.element]?.figures.outputTokensPerSPerGPU
      ) {
      case (let x?, let y?) where x != y: return x > y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.offset < b.offset
      }
    }.map(\.element)
    return (ranked, best)
  }
}
