/// A recipe's results across its pins: one entry per recipe version measured (the recipe blob
/// and commit a record names, with the engine as run), oldest first, with the best output
/// tokens/s per GPU and the change from the entry before, so a slower pin stands out.
public enum PinTimeline {
  /// The results of one pin.
  public struct Entry: Sendable, Hashable, Codable {
    /// The registry commit the recipe was read at.
    public var commit: String
    /// The recipe blob measured.
    public var blob: String
    /// The commit's time (seconds since the epoch), when the commit is in the repository.
    public var time: Int64?
    /// The engine version as run.
    public var engineVersion: String?
    /// The image as run.
    public var image: String?
    /// Output tokens/s per GPU by concurrency (the best record at each).
    public var perConcurrency: [String: Double]
    /// The best output tokens/s per GPU of the pin.
    public var best: Double?
    /// The change of ``best`` from the previous entry, in percent.
    public var changePercent: Double?

    private enum CodingKeys: String, CodingKey {
      case commit, blob, time, image, best
      case engineVersion = "engine_version"
      case perConcurrency = "output_tokens_per_s_per_gpu_by_concurrency"
      case changePercent = "change_percent"
    }
  }

  /// The entries of `records`, oldest commit first (commits not found last, by id).
  /// - Parameters:
  ///   - commitTime: the time of a commit id, nil when unknown.
  ///   - commitAge: a commit's place in the history, larger for older (its index in a
  ///     newest-first topological walk), so commits made within one second still order;
  ///     nil when the commit is not in it.
  public static func entries(
    _ records: [ResultRecord], commitTime: (String) -> Int64?,
    commitAge: (String) -> Int? = { _ in nil }
  ) -> [Entry] {
    let groups = Dictionary(grouping: records) {
      [$0.recipe.commit, $0.recipe.blob, $0.engine.version ?? "", $0.engine.image ?? ""]
    }
    var out: [Entry] = []
    for (key, list) in groups {
      var perConcurrency: [String: Double] = [:]
      for r in list {
        guard let v = r.figures.outputTokensPerSPerGPU else { continue }
        let c = r.workload.concurrency.map(String.init) ?? "?"
        perConcurrency[c] = max(perConcurrency[c] ?? 0, v)
      }
      out.append(
        Entry(
          commit: key[0], blob: key[1], time: commitTime(key[0]),
          engineVersion: key[2].isEmpty ? nil : key[2], image: key[3].isEmpty ? nil : key[3],
          perConcurrency: perConcurrency,
          best: BestPoint.best(list)?.figures.outputTokensPerSPerGPU,
          changePercent: nil))
    }
    let age = Dictionary(
      out.map { ($0.commit, commitAge($0.commit)) }, uniquingKeysWith: { a, _ in a })
    out.sort {
      (
        -(age[$0.commit].flatMap { $0 } ?? -1), $0.time ?? Int64.max, $0.commit,
        $0.engineVersion ?? ""
      )
        < (
          -(age[$1.commit].flatMap { $0 } ?? -1), $1.time ?? Int64.max, $1.commit,
          $1.engineVersion ?? ""
        )
    }
    for i in out.indices.dropFirst() {
      if let now = out[i].best, let before = out[i - 1].best, before > 0 {
        out[i].changePercent = (now - before) / before * 100
      }
    }
    return out
  }
}
