import Foundation
public import Migrate
public import Schema

/// Rewrites every recipe of one format into another, registry-wide, in ONE commit.
///
/// Generic over ``FormatConverter``: source → v2 through the source converter's `toV2`,
/// v2 → target through the target converter's `fromV2` (v2 itself is emitted canonically),
/// with the source's comments carried to the keys the conversion moved them to.
public struct RegistryMigration {
  /// The registry migrated.
  public let registry: RecipeRegistry
  /// The format of the recipes rewritten.
  public var source: RecipeFormat
  /// The format they are rewritten into.
  public var target: RecipeFormat
  /// Check each output: read it back to v2 and compare with the source's v2.
  public var verify = false

  /// A migration of `registry` from `source` to `target`, optionally verified.
  public init(
    registry: RecipeRegistry, source: RecipeFormat, target: RecipeFormat, verify: Bool = false
  ) {
    self.registry = registry
    self.source = source
    self.target = target
    self.verify = verify
  }

  /// The outcome: every recipe considered, and the commit (nil for a dry run).
  public struct Report: Sendable {
    /// Every recipe considered.
    public var recipes: [MigratedRecipe]
    /// The commit written (nil for a dry run).
    public var outcome: BranchWriter.Outcome?
    /// A report of `recipes` and `outcome`.
    public init(recipes: [MigratedRecipe], outcome: BranchWriter.Outcome?) {
      self.recipes = recipes
      self.outcome = outcome
    }
    /// The recipes that lose something in the target format, with what they lose.
    public var losses: [(path: String, entries: [LossEntry])] {
      recipes.filter { !$0.losses.isEmpty }.map { ($0.path, $0.losses) }
    }
    /// The recipes that failed to convert or to verify.
    public var failures: [MigratedRecipe] {
      recipes.filter { !$0.errors.isEmpty || !$0.verifyMismatches.isEmpty }
    }
    /// The recipes rewritten.
    public var changed: [MigratedRecipe] {
      recipes.filter { $0.bytes != nil && $0.errors.isEmpty && $0.verifyMismatches.isEmpty }
    }
    /// Lines added over the rewritten recipes.
    public var insertions: Int { changed.reduce(0) { $0 + $1.insertions } }
    /// Lines removed over the rewritten recipes.
    public var deletions: Int { changed.reduce(0) { $0 + $1.deletions } }
  }

  /// Converts the recipes at a commit without writing anything.
  /// - Throws: ``PublishError/cannotEdit(_:)`` when no converter handles a side.
  public func plan(at commit: ObjectID) throws -> [MigratedRecipe] {
    let tree = try registry.repository.commit(commit).treeID
    guard let reader = Converters.converter(for: source) else {
      throw PublishError.cannotEdit("no converter reads \(source.rawValue) into v2 yet")
    }
    let writer: (any FormatConverter)? = target == .v2 ? nil : Converters.converter(for: target)
    if target != .v2 && writer == nil {
      throw PublishError.cannotEdit("no converter writes \(target.rawValue) yet")
    }
    let (config, _) = try registry.config(tree: tree)
    let snapshot = try registry.index(at: commit.hex).snapshot
    var found: [(path: String, name: String, blob: ObjectID)] = []
    for i in 0..<snapshot.count where snapshot.summary(i).format == source.rawValue {
      let path = snapshot.path(i)
      guard RegistryIndexer.isRecipePath(path, root: config.root) else { continue }
      found.append((path, snapshot.name(i), snapshot.blobID(i)))
    }
    let jobs = found
    // One worker per core, each with its own repository handle (libgit2 handles are not
    // shared across threads); results in job order.
    let gitDirectory = registry.repository.gitDirectory
    let (source, target, verify) = (self.source, self.target, self.verify)
    return try ParallelMap.map(
      count: jobs.count, context: { () throws(GitError) in try GitRepository(at: gitDirectory) }
    ) {
      (repo: inout GitRepository, k: Int) throws(GitError) in
      Self.convert(
        try repo.blob(jobs[k].blob), path: jobs[k].path, name: jobs[k].name, source: source,
        target: target,
        verify: verify, reader: reader, writer: writer)
    }
  }

  /// One file through the converters.
  public func convert(
    _ bytes: [UInt8], path: String, name: String, reader: any FormatConverter,
    writer: (any FormatConverter)?
  ) -> MigratedRecipe {
    Self.convert(
      bytes, path: path, name: name, source: source, target: target, verify: verify, reader: reader,
      writer: writer)
  }

  static func convert(
    _ bytes: [UInt8], path: String, name: String, source: RecipeFormat, target: RecipeFormat,
    verify: Bool,
    reader: any FormatConverter, writer: (any FormatConverter)?
  ) -> MigratedRecipe {
    var m = MigratedRecipe(
      path: path, name: name, bytes: nil, deletions: 0, insertions: 0, losses: [], errors: [],
      verifyMismatches: [])
    // Parsed only: the source converter decodes (reading the recipe first would decode twice).
    let documents: [YAMLDocument]
    do {
      documents = try YAML.parseStream(bytes)
    } catch {
      m.errors = [error.diagnostic(file: path)]
      return m
    }
    guard !documents.isEmpty else {
      m.errors = [
        Diagnostic(
          .error, code: "empty-document", "the file holds no YAML document",
          at: SourceLocation(file: path, line: 1, column: 1))
      ]
      return m
    }
    let toV2 = reader.toV2(documents, file: path)
    guard toV2.succeeded, let v2 = toV2.value else {
      m.errors = toV2.diagnostics.filter { $0.severity == .error }
      if m.errors.isEmpty {
        m.errors = [
          Diagnostic(
            .error, code: "unreadable", "cannot read into v2",
            at: SourceLocation(file: path, line: 1, column: 1))
        ]
      }
      return m
    }
    let text: String
    if let writer {
      let back = writer.fromV2(v2)
      m.losses = back.losses
      guard let docs = back.value, !back.diagnostics.hasErrors else {
        m.errors = back.diagnostics.filter { $0.severity == .error }
        return m
      }
      var withComments = docs
      if !back.comments.isEmpty, !withComments.isEmpty {
        withComments[0].root = CommentTransplant.apply(back.comments, to: withComments[0].root)
      }
      text = YAMLEmitter.emitStream(withComments)
    } else {
      let placements = source == .v2 ? CommentTransplant.collect(documents[0].root) : toV2.comments
      var doc = YAMLDocument(
        root: CommentTransplant.apply(placements, to: toV2.encoded ?? v2.encode()))
      doc.trailingComments = documents.last?.trailingComments ?? []
      text = YAMLEmitter.emit(doc)
    }
    let out = Array(text.utf8)
    if verify {
      let again = RecipeReader.read(out, file: path, declared: target)
      let v2Again: RecipeV2? =
        target == .v2
        ? again.v2
        : (writer.flatMap { w in
          again.documents.isEmpty ? nil : w.toV2(again.documents, file: path).value
        })
      if v2Again != v2 {
        m.verifyMismatches = SemanticDiff.compare(v2.encode(), v2Again?.encode())
        if m.verifyMismatches.isEmpty {
          m.verifyMismatches = [FieldChange(path: "", old: "recipe", new: "differs")]
        }
      }
    }
    (m.deletions, m.insertions) = Self.lineStat(bytes, out)
    m.bytes = out
    return m
  }

  /// Migrates and commits everything in one commit.
  /// - Parameters:
  ///   - allowLoss: write even when a target cannot express something.
  /// - Throws: ``PublishError/loss(_:)`` (nothing written) unless `allowLoss`; conversion or
  ///   verify failures abort too.
  public func run(allowLoss: Bool, message: String?, author: Signature, branch: String?) throws
    -> Report
  {
    let publisher = RecipePublisher(registry: registry)
    // Thousands of new objects: written as one pack, not as loose files.
    let writes = try PackedWrites(at: registry.repository.gitDirectory)
    let writer = BranchWriter(packing: writes, reference: try publisher.resolvedBranch(branch))
    var recipes: [MigratedRecipe] = []
    let trace = Trace("migrate")
    defer { trace.mark("committed") }
    let outcome = try writer.commit(author: author) { tip, _ in
      guard let tip else { throw PublishError.registry(.notARegistry(path: registry.path)) }
      recipes = try plan(at: tip)
      trace.mark("planned")
      let report = Report(recipes: recipes, outcome: nil)
      if let bad = report.failures.first {
        let why =
          bad.errors.map(\.description)
          + bad.verifyMismatches.map {
            "\($0.path): \($0.old ?? "absent") -> \($0.new ?? "absent")"
          }
        throw PublishError.cannotEdit(
          "\(bad.path): cannot migrate (\(report.failures.count) failing):\n"
            + why.joined(separator: "\n"))
      }
      let losses = recipes.flatMap(\.losses)
      if !losses.isEmpty && !allowLoss { throw PublishError.loss(losses) }
      var changes: [TreeChange] = []
      for r in report.changed {
        guard let bytes = r.bytes else { continue }
        changes.append(
          .upsert(path: r.path, blob: try writes.repository.writeBlob(bytes), mode: .blob))
      }
      trace.mark("blobs written")
      let from = source == .sglangV1 ? "v1" : source.rawValue
      let to = target == .sglangV1 ? "v1" : target.rawValue
      var trailers = CommitTrailers()
      trailers.add("Migration", "\(from) -> \(to)")
      trailers.add("Recipes", String(changes.count))
      trailers.add("Schema", to)
      let subject = message ?? "Migrate \(changes.count) recipes from \(from) to \(to)"
      let body =
        "\(changes.count) files changed, \(report.insertions) insertions(+), \(report.deletions) deletions(-)"
        + (losses.isEmpty ? "" : "\n\(losses.count) values lost (--allow-loss)")
      return (changes, trailers.message(subject: subject, body: body))
    }
    return Report(recipes: recipes, outcome: outcome)
  }

  /// Lines removed and added between two texts, counted by line content (like a diff stat).
  /// Lines are compared as bytes (hashing them as Strings cost a tenth of a migration).
  public static func lineStat(_ old: [UInt8], _ new: [UInt8]) -> (deletions: Int, insertions: Int) {
    var counts: [ArraySlice<UInt8>: Int] = [:]
    for l in old.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      counts[l, default: 0] += 1
    }
    var insertions = 0
    for l in new.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      if let c = counts[l], c > 0 { counts[l] = c - 1 } else { insertions += 1 }
    }
    return (counts.values.reduce(0, +), insertions)
  }
}
