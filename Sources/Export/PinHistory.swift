import Migrate
import Registry
import Schema

/// The commits that changed a recipe's engine pin (engine version or image), newest first,
/// found by walking the last commits that touched its file.
public struct PinHistory: Encodable, Sendable, Hashable {
  /// One pin change.
  public struct Change: Encodable, Sendable, Hashable {
    public var commit: String
    /// Committer time, UTC ISO 8601.
    public var date: String
    public var author: String
    /// The first line of the commit message.
    public var subject: String
    /// `added` (the file appeared), `changed`, or `earliest` (the oldest commit examined
    /// when the walk was cut at the limit).
    public var change: String
    public var engineVersion: String?
    public var image: String?
  }

  public var changes: [Change]
  /// How many commits touching the file were examined.
  public var examined: Int
  /// Whether the walk stopped at the limit (older changes are not listed).
  public var truncated: Bool
}

/// Walks file histories for pins, decoding each blob once (cached by blob id).
struct HistoryWalker {
  let repository: GitRepository
  let limit: Int
  private var pinCache: [ObjectID: Pin] = [:]

  struct Pin: Hashable {
    var engineVersion: String?
    var image: String?
  }

  init(repository: GitRepository, limit: Int) {
    self.repository = repository
    self.limit = max(limit, 1)
  }

  mutating func pins(path: String, from commit: ObjectID) throws(RegistryError) -> PinHistory {
    do {
      let ids = try repository.commits(from: commit.hex, touching: path, limit: limit)
      var seen: [(Commit, Pin?)] = []
      for id in ids {
        let c = try repository.commit(id)
        var pin: Pin?
        if let e = try repository.entry(at: path, inTree: c.treeID) {
          if let cached = pinCache[e.id] {
            pin = cached
          } else {
            let s = RecipeReader.read(try repository.blob(e.id), file: path).summary
            let p = Pin(engineVersion: s.engineVersion, image: s.image)
            pinCache[e.id] = p
            pin = p
          }
        }
        seen.append((c, pin))
      }
      let truncated = ids.count >= limit
      var changes: [PinHistory.Change] = []
      var previous: Pin?? = nil  // nil: nothing older seen yet
      for (n, (c, pin)) in seen.enumerated().reversed() {
        guard let pin else {
          previous = .some(nil)
          continue
        }
        let kind: String
        switch previous {
        case .none: kind = truncated && n == seen.count - 1 ? "earliest" : "added"
        case .some(.none): kind = "added"
        case .some(.some(let old)): kind = old == pin ? "" : "changed"
        }
        previous = .some(pin)
        if kind.isEmpty { continue }
        changes.append(
          PinHistory.Change(
            commit: c.id.hex, date: CommitTime.iso8601(c.committer.time), author: c.author.name,
            subject: String(c.summary.prefix(200)), change: kind, engineVersion: pin.engineVersion,
            image: pin.image))
      }
      return PinHistory(changes: changes.reversed(), examined: ids.count, truncated: truncated)
    } catch {
      throw .git(error)
    }
  }
}
