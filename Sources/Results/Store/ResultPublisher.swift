import Foundation
public import Registry

/// Stores benchmark results in a registry as one commit, through the same compare-and-swap
/// write as recipes (``BranchWriter``): a lost race is rebuilt on the new tip, a concurrent
/// change to the same files is a conflict, nothing is written when it throws.
public struct ResultPublisher {
  /// The registry written to.
  public let registry: RecipeRegistry

  /// A publisher to `registry`.
  public init(registry: RecipeRegistry) {
    self.registry = registry
  }

  /// A result file to add: its name as given (for messages and the stored copy), its bytes,
  /// and the importer to read it with (nil: detected).
  public struct Input: Sendable {
    /// The file name as given.
    public var file: String
    /// The file's bytes.
    public var bytes: [UInt8]
    /// The importer; nil detects it.
    public var format: ResultFormat?

    /// An input named `file`.
    public init(file: String, bytes: [UInt8], format: ResultFormat? = nil) {
      self.file = file
      self.bytes = bytes
      self.format = format
    }
  }

  /// What an add did.
  public struct Report: Sendable {
    /// The records, as stored (new and already there).
    public var records: [StoredRecord]
    /// Paths of records that were already stored (same raw file, same point).
    public var unchanged: [String]
    /// The commit, nil when every record was already there.
    public var commit: ObjectID?
    /// The branch written.
    public var branch: String
  }

  /// Reads every file (all must read), makes a record per workload point against `recipe` as
  /// it is at `rev` (default: the branch tip), and commits the records and raw files.
  /// - Throws: ``ResultError`` for a file that does not read or measured nothing (nothing is
  ///   written), registry errors (recipe not found), ``PublishError`` for the write.
  public func add(
    recipe name: String, inputs: [Input], facts: RunFacts, rev: String? = nil,
    author: Signature, branch: String? = nil, message: String? = nil
  ) throws -> Report {
    var measured: [(Input, [Measurement])] = []
    for input in inputs {
      measured.append(
        (input, try ResultFormat.read(input.bytes, file: input.file, as: input.format)))
    }
    let repository = registry.repository
    let reference = try self.branch(branch)
    let writer = BranchWriter(repository: repository, reference: reference)
    var stored: [StoredRecord] = []
    var unchanged: [String] = []
    var facts = facts
    if facts.by == nil { facts.by = "\(author.name) <\(author.email)>" }
    let now = Self.iso8601(author.time)
    let outcome = try writer.commit(author: author) { tip, tree in
      guard let tip, let tree else { throw RegistryError.notARegistry(path: registry.path) }
      let (config, _) = try registry.config(tree: tree)
      let found = try registry.recipe(named: name, at: rev ?? tip.hex)
      let folder = ResultPaths.folder(recipeRoot: config.root, recipe: found.name)
      stored = []
      unchanged = []
      var changes: [TreeChange] = []
      for (input, points) in measured {
        let rawBlob = try repository.writeBlob(input.bytes)
        let rawPath = ResultPaths.raw(folder: folder, blob: rawBlob.hex, file: input.file)
        if try repository.entry(at: rawPath, inTree: tree)?.id != rawBlob {
          changes.append(.upsert(path: rawPath, blob: rawBlob, mode: .blob))
        }
        var seen: [String: Int] = [:]
        for point in points {
          var record = RecordBuilder.record(
            point, recipe: found, facts: facts, file: input.file, now: now)
          record.source.path = rawPath
          record.source.blob = rawBlob.hex
          let key = ResultPaths.record(
            folder: folder, record: record, rawBlob: rawBlob.hex, index: 0)
          let index = seen[key, default: 0]
          seen[key] = index + 1
          let path = ResultPaths.record(
            folder: folder, record: record, rawBlob: rawBlob.hex, index: index)
          if try repository.entry(at: path, inTree: tree) != nil {
            unchanged.append(path)
            if let old = try? ResultRecord.decode(
              try repository.blob(try repository.entry(at: path, inTree: tree)!.id), file: path)
            {
              stored.append(StoredRecord(path: path, record: old))
            }
            continue
          }
          let blob = try repository.writeBlob(record.jsonBytes())
          changes.append(.upsert(path: path, blob: blob, mode: .blob))
          stored.append(StoredRecord(path: path, record: record))
        }
      }
      if changes.allSatisfy({ $0.path.contains("/raw/") }) { return ([], "") }
      let added = stored.count - unchanged.count
      let subject =
        message ?? "Add \(added) result\(added == 1 ? "" : "s") for \(found.name)"
      let body = stored.filter { !unchanged.contains($0.path) }.map {
        let w = $0.record.workload
        return "- concurrency \(w.concurrency.map(String.init) ?? "?"): "
          + "\(Self.number($0.record.figures.outputTokensPerS)) output tok/s "
          + "(\($0.record.run.tool), \($0.record.source.file))"
      }.joined(separator: "\n")
      return (changes, subject + "\n\n" + body + "\n\nResults: \(found.name)\n")
    }
    return Report(
      records: stored.sorted(by: ResultStore.order), unchanged: unchanged,
      commit: outcome?.commit, branch: writer.reference)
  }

  private func branch(_ explicit: String?) throws -> String {
    let repository = registry.repository
    var config: RegistryConfig?
    if explicit == nil, let head = try? repository.head(),
      let tree = try? repository.commit(head).treeID
    {
      config = try? registry.config(tree: tree).0
    }
    return BranchWriter.branch(explicit: explicit, config: config, repository: repository)
  }

  /// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
  static func iso8601(_ seconds: Int64) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }

  /// A figure with at most two decimals.
  static func number(_ v: Double) -> String {
    v == v.rounded() ? String(Int(v)) : String((v * 100).rounded() / 100)
  }
}
