internal import Engines
import Foundation
internal import Lint
internal import Migrate
import Schema

/// Writes recipes to a registry through commits: publish files, pin engine versions, mark
/// recipes deprecated. Works on bare repositories; in a non-bare one, a write to the
/// checked-out branch updates its staging index and work tree too (see ``BranchUpdate``).
///
/// Every write goes through ``BranchWriter`` (compare-and-swap on the branch tip, retried on
/// a lost race, a conflict when the same recipe changed concurrently).
public struct RecipePublisher {
  /// The registry published to.
  public let registry: RecipeRegistry

  /// A publisher to `registry`.
  public init(registry: RecipeRegistry) {
    self.registry = registry
  }

  private var repository: GitRepository { registry.repository }

  // MARK: - Preparing

  /// Reads, validates and emits one file: canonical v2 (keeping comments), or the source
  /// text with `keepFormat` (or when no converter reads the format into v2 yet).
  /// - Throws: ``PublishError/invalidRecipe(file:diagnostics:)`` unless `force`,
  ///   ``PublishError/unknownFields(file:diagnostics:)`` unless `allowWarnings` or `force`,
  ///   ``PublishError/unsafeName(name:file:reason:)``.
  public static func prepare(
    _ bytes: [UInt8], file: String, root: String, force: Bool, keepFormat: Bool,
    allowWarnings: Bool = true
  ) throws(PublishError) -> PreparedRecipe {
    let read = RecipeReader.read(bytes, file: file)
    // Lint (decode diagnostics included): its errors block like decoding errors.
    var diagnostics = Linter.standard?.lint(read).diagnostics ?? read.diagnostics
    let blocking = diagnostics.hasErrors || !read.isValid
    if blocking && !force { throw .invalidRecipe(file: file, diagnostics: diagnostics) }
    let unknown = diagnostics.filter {
      $0.severity == .warning && PublishError.unknownFieldCodes.contains($0.code)
    }
    if !unknown.isEmpty && !allowWarnings && !force {
      throw .unknownFields(file: file, diagnostics: unknown)
    }

    var out = bytes
    var format = read.format.rawValue
    var summary = read.summary
    if !keepFormat && !blocking {
      if let emitted = read.canonicalV2Text() {
        out = emitted
        format = RecipeFormat.v2.rawValue
        let again = RecipeReader.read(out, file: file)
        if again.isValid {
          summary = again.summary
        } else {
          out = bytes
          format = read.format.rawValue
        }
      } else {
        diagnostics.append(
          Diagnostic(
            .warning, code: "kept-format",
            "no converter reads \(read.format.rawValue) into v2 yet: published in its source format",
            at: SourceLocation(file: file, line: 1, column: 1)))
      }
    }
    let name = summary.name
    if let reason = RecipeName.problem(name) {
      throw .unsafeName(name: name, file: file, reason: reason)
    }
    let path = RecipePath.path(root: root, model: summary.model, engine: summary.engine, name: name)
    return PreparedRecipe(
      file: file, name: name, path: path, bytes: out, format: format, summary: summary,
      diagnostics: diagnostics.filter { $0.severity != .error || force })
  }

  // MARK: - Publishing

  /// A file to publish: a display name (for diagnostics) and its bytes.
  public struct Input: Sendable {
    /// The display name, for diagnostics.
    public var file: String
    /// The file's bytes.
    public var bytes: [UInt8]
    /// An input named `file` holding `bytes`.
    public init(file: String, bytes: [UInt8]) {
      self.file = file
      self.bytes = bytes
    }
  }

  /// Publishes files in one commit.
  /// - Throws: ``PublishError`` (nothing is written when it throws).
  public func publish(_ inputs: [Input], options: PublishOptions) throws -> PublishReport {
    let writer = BranchWriter(repository: repository, reference: try resolvedBranch(options.branch))
    var prepared: [PreparedRecipe] = []
    var replaced: [String] = []
    let outcome = try writer.commit(author: options.author) { tip, tree in
      guard let tree, let tip else {
        throw PublishError.registry(.notARegistry(path: registry.path))
      }
      let (config, _) = try registry.config(tree: tree)
      prepared = []
      replaced = []
      for input in inputs {
        prepared.append(
          try Self.prepare(
            input.bytes, file: input.file, root: config.root, force: options.force,
            keepFormat: options.keepFormat, allowWarnings: options.allowWarnings))
      }
      let byName = Dictionary(grouping: prepared, by: \.name)
      if let dup = byName.first(where: { $0.value.count > 1 }) {
        throw PublishError.duplicate(name: dup.key, files: dup.value.map(\.file))
      }
      let existing = try RecipeNameLookup(registry: registry).paths(
        of: Set(byName.keys), tree: tree, root: config.root, commit: tip)
      for p in prepared {
        let here = try repository.entry(at: p.path, inTree: tree) != nil
        let elsewhere = existing[p.name] ?? []
        if here || !elsewhere.isEmpty {
          guard options.replace else {
            throw PublishError.exists(name: p.name, path: here ? p.path : elsewhere[0])
          }
          replaced.append(p.name)
        }
      }
      var changes: [TreeChange] = []
      for p in prepared {
        changes.append(.upsert(path: p.path, blob: try repository.writeBlob(p.bytes), mode: .blob))
        // A replaced recipe that moved (new model or engine) leaves its old file.
        for old in existing[p.name] ?? [] where old != p.path { changes.append(.remove(path: old)) }
      }
      var trailers = CommitTrailers()
      for p in prepared { trailers.add(recipe: p.summary, schema: p.format) }
      let verb = replaced.isEmpty ? "Publish" : "Update"
      let subject =
        options.message
        ?? (prepared.count == 1
          ? "\(verb) \(prepared[0].name)"
          : "\(verb) \(prepared.count) recipes: "
            + prepared.prefix(5).map(\.name).joined(separator: ", ")
            + (prepared.count > 5 ? ", ..." : ""))
      return (changes, trailers.message(subject: subject))
    }
    guard let outcome else { throw PublishError.cannotEdit("nothing to publish") }
    return PublishReport(
      outcome: outcome, branch: writer.reference, recipes: prepared, replaced: replaced)
  }

  /// The reference a write goes to.
  func resolvedBranch(_ explicit: String?) throws -> String {
    var config: RegistryConfig?
    if explicit == nil, let head = try? repository.head(),
      let tree = try? repository.commit(head).treeID
    {
      config = try? registry.config(tree: tree).0
    }
    return BranchWriter.branch(explicit: explicit, config: config, repository: repository)
  }

  // MARK: - Pin and deprecate

  /// Changes a recipe's engine version (and image) in place: only those scalars change;
  /// comments and formatting stay byte for byte.
  ///
  /// v2: `engine.version` / `engine.image`; v1: `sglang_version` / `model.container` (the srt
  /// layout, which srtctl reads and which has no version key, only `model.container`). Without
  /// `image`, an image whose tag names another version moves with the pin, as `upgrade` moves
  /// it (``ContainerImage/moved(to:)``).
  /// - Throws: ``PublishError/cannotEdit(_:)`` when the recipe has an image and which image runs
  ///   the new version cannot be told (its tag names no version): pass `image` then.
  public func pin(
    _ name: String, engineVersion: String, image: String? = nil, message: String? = nil,
    author: Signature, branch: String? = nil
  ) throws -> PublishReport {
    try edit(name, author: author, branch: branch) { found in
      var bytes = found.bytes
      let old = found.read.summary.engineVersion
      var image = image
      if image == nil, let current = found.read.summary.image {
        image = try Self.image(current, movedTo: engineVersion, recipe: found.name)
      }
      switch found.read.format {
      case .v2:
        bytes = try RecipeTextEdit.set(
          "engine.version", to: engineVersion, in: bytes, after: "name")
        if let image {
          bytes = try RecipeTextEdit.set("engine.image", to: image, in: bytes, after: "version")
        }
      case .sglangV1:
        // The srt layout has no version key (srtctl refuses unknown keys): its engine
        // version is its container's tag, so only the image moves.
        let hasVersionKey = found.read.documents.first?.root["sglang_version"] != nil
        if hasVersionKey || found.read.v1?.layout == .seed {
          bytes = try RecipeTextEdit.set(
            "sglang_version", to: engineVersion, in: bytes, after: "name")
        } else if image == nil {
          throw PublishError.cannotEdit(
            "\(found.name) is an srt-slurm recipe, whose engine version is its container's tag, "
              + "and it names no container\n"
              + "  hint: pass --image IMAGE (the image that runs \(engineVersion))")
        }
        if let image {
          bytes = try RecipeTextEdit.set("model.container", to: image, in: bytes, after: "path")
        }
      default:
        throw PublishError.cannotEdit(
          "pin edits v2 and sglang-v1 recipes; \(found.name) is \(found.read.format.rawValue)")
      }
      let subject =
        message ?? "Pin \(found.name) to \(found.read.summary.engine ?? "engine") \(engineVersion)"
      let body =
        "engine version: \(old ?? "(none)") -> \(engineVersion)"
        + (image.map { "\nimage: \(found.read.summary.image ?? "(none)") -> \($0)" } ?? "")
      return (bytes, subject, body)
    }
  }

  /// The image to pin with `version` when none is given: nil to keep `current` (its tag
  /// already names that version), else `current` with its tag moved.
  static func image(_ current: String, movedTo version: String, recipe: String) throws -> String? {
    let image = ContainerImage(current)
    let target = EngineVersion(version)
    if let target, let pinned = image.engineVersion, pinned == target { return nil }
    if let target, let moved = image.moved(to: target) { return moved }
    throw PublishError.cannotEdit(
      "\(recipe) runs the image '\(current)', whose tag names no version "
        + (target == nil ? "('\(version)' is not a version either)" : "to move to \(version)")
        + ": which image runs \(version) cannot be told\n"
        + "  hint: pass --image IMAGE (the image that runs \(version); or --image '\(current)' to keep it)"
    )
  }

  /// Marks a recipe deprecated (`status: {state: deprecated, reason: R}`): search hides it;
  /// locks and NAME@REV still resolve. Nothing is deleted. v2 recipes only.
  public func deprecate(
    _ name: String, reason: String, message: String? = nil, author: Signature,
    branch: String? = nil
  ) throws -> PublishReport {
    try edit(name, author: author, branch: branch) { found in
      guard found.read.format == .v2, let doc = found.read.documents.first else {
        throw PublishError.cannotEdit(
          "\(found.name) is \(found.read.format.rawValue): deprecate marks v2 recipes; run 'registry migrate v1 v2' first"
        )
      }
      let flow =
        "{state: deprecated, reason: \(ScalarEdit.render(reason, style: .doubleQuoted, wasString: true))}"
      var bytes = found.bytes
      if let status = doc.root["status"] {
        if status.mapping != nil {
          bytes = try RecipeTextEdit.set("status.state", to: "deprecated", in: bytes)
          bytes = try RecipeTextEdit.set("status.reason", to: reason, in: bytes, after: "state")
        } else {
          bytes = try RecipeTextEdit.replaceNode(at: "status", withFlow: flow, in: bytes)
        }
      } else {
        bytes = try RecipeTextEdit.insert(
          line: "status: " + flow, into: .root, after: "name", in: bytes, root: doc.root)
      }
      let subject = message ?? "Deprecate \(found.name)"
      return (bytes, subject, "Reason: " + reason.replacingOccurrences(of: "\n", with: " "))
    }
  }

  /// Rewrites one recipe in place in a commit, through the publishing path: `change` gets
  /// the recipe as it is at the branch tip (inside the compare-and-swap, so a concurrent
  /// change is re-read, never overwritten) and returns the new text, which is validated and
  /// linted as `publish` does (errors block: ``PublishError/invalidRecipe(file:diagnostics:)``);
  /// the commit carries the publish trailers. `registry upgrade --publish` uses it.
  public func update(
    _ name: String, author: Signature, branch: String? = nil,
    change: (RecipeLookup) throws -> (bytes: [UInt8], subject: String, body: String)
  ) throws -> PublishReport {
    try edit(name, author: author, branch: branch, validate: true, change: change)
  }

  /// Rewrites one recipe's bytes in a commit (with trailers of the new text); `validate`
  /// blocks on the errors ``prepare(_:file:root:force:keepFormat:)`` finds.
  private func edit(
    _ name: String, author: Signature, branch: String?, validate: Bool = false,
    change: (RecipeLookup) throws -> (bytes: [UInt8], subject: String, body: String)
  ) throws -> PublishReport {
    let writer = BranchWriter(repository: repository, reference: try resolvedBranch(branch))
    var prepared: [PreparedRecipe] = []
    let outcome = try writer.commit(author: author) { tip, _ in
      guard let tip else { throw PublishError.registry(.notARegistry(path: registry.path)) }
      let found = try registry.recipe(named: name, at: tip.hex)
      let (bytes, subject, body) = try change(found)
      if bytes == found.bytes { return ([], "") }
      var checked = try Self.prepare(
        bytes, file: found.path, root: "", force: !validate, keepFormat: true)
      guard checked.name == found.name else {
        throw PublishError.cannotEdit(
          "the edit renames \(found.name) to \(checked.name); publish it as a new recipe instead")
      }
      checked.path = found.path
      prepared = [checked]
      var trailers = CommitTrailers()
      trailers.add(recipe: checked.summary, schema: checked.format)
      return (
        [.upsert(path: found.path, blob: try repository.writeBlob(bytes), mode: .blob)],
        trailers.message(subject: subject, body: body)
      )
    }
    guard let outcome else {
      throw PublishError.cannotEdit("\(name) already says that: nothing to commit")
    }
    return PublishReport(
      outcome: outcome, branch: writer.reference, recipes: prepared, replaced: [name])
  }
}
