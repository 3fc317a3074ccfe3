public import Registry

/// Reads the results stored in a registry at a rev (through git objects, never a work tree).
public struct ResultStore {
  /// The registry read.
  public let registry: RecipeRegistry

  /// A store reading `registry`.
  public init(registry: RecipeRegistry) {
    self.registry = registry
  }

  /// The records of one recipe at `rev`, ordered by concurrency, then ISL, OSL and path.
  /// - Throws: ``ResultError`` when a stored record does not decode; registry errors.
  public func records(of recipe: String, at rev: String = "HEAD") throws -> [StoredRecord] {
    let (_, tree) = try registry.resolve(rev)
    let (config, _) = try registry.config(tree: tree)
    let folder = ResultPaths.folder(recipeRoot: config.root, recipe: recipe)
    return try read(tree: tree, under: folder + "/").sorted(by: Self.order)
  }

  /// Every recipe's records at `rev`, by recipe name.
  public func allRecords(at rev: String = "HEAD") throws -> [String: [StoredRecord]] {
    let (_, tree) = try registry.resolve(rev)
    let (config, _) = try registry.config(tree: tree)
    let root = ResultPaths.root(recipeRoot: config.root)
    var out: [String: [StoredRecord]] = [:]
    for r in try read(tree: tree, under: root + "/") {
      out[r.record.recipe.name, default: []].append(r)
    }
    for k in out.keys { out[k]?.sort(by: Self.order) }
    return out
  }

  private func read(tree: ObjectID, under prefix: String) throws -> [StoredRecord] {
    let repository = registry.repository
    let entries = try repository.blobEntries(inTree: tree, under: prefix).filter {
      $0.path.hasSuffix(".json") && !$0.path.contains("/raw/")
    }
    var out: [StoredRecord] = []
    for e in entries {
      let record = try ResultRecord.decode(try repository.blob(e.id), file: e.path)
      out.append(StoredRecord(path: e.path, record: record))
    }
    return out
  }

  static func order(_ a: StoredRecord, _ b: StoredRecord) -> Bool {
    let wa = a.record.workload
    let wb = b.record.workload
    return (wa.concurrency ?? Int.max, wa.isl ?? 0, wa.osl ?? 0, a.path)
      < (wb.concurrency ?? Int.max, wb.isl ?? 0, wb.osl ?? 0, b.path)
  }
}
