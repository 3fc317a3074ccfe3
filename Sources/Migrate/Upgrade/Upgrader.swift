public import Engines
public import Schema

/// Moves a v2 or sglang-v1 recipe to a newer engine version by editing its source text in place:
/// applies the catalog renames (`spec/engines/renames.tsv`, rows with `from < since <= to`),
/// drops flags whose removal is a no-op (switched off, or listed as removed with no
/// replacement), refuses — listing them — flags removed with an effect or renamed where the
/// value needs a human, and updates `engine.version` and the image tag. Comments and
/// formatting elsewhere are kept byte for byte.
///
/// ```swift
/// let plan = Upgrader(catalogs: store).plan(read, source: bytes, to: EngineVersion("0.5.23")!)
/// if plan.refusals.isEmpty, let out = plan.output { write(out) }
/// ```
public struct Upgrader: Sendable {
  /// The flag catalogs and rename tables the upgrade consults.
  public let store: FlagCatalogStore

  /// An upgrader that consults `catalogs`.
  public init(catalogs: FlagCatalogStore) { self.store = catalogs }

  /// The planned upgrade of one recipe.
  public struct Plan: Sendable {
    /// The version the recipe was pinned to (engine.version, else its image tag's version).
    public var from: EngineVersion?
    /// The version the recipe is upgraded to.
    public var to: EngineVersion
    /// What changes, in source order.
    public var changes: [UpgradeChange]
    /// Why the upgrade cannot be applied automatically; empty when it can.
    public var refusals: [Diagnostic]
    /// Notes (catalog stand-ins, images left alone).
    public var notes: [String]
    /// The edited source; nil when refused.
    public var output: [UInt8]?

    /// The semantic diff (`--dry-run`).
    public var semanticDiff: String {
      var lines = changes.map(\.description)
      lines += refusals.map { "! \($0.path): \($0.message) — \($0.hint ?? "")" }
      return lines.joined(separator: "\n")
    }
  }

  /// Plans (and, when nothing is refused, performs) the upgrade of `read` to `target`.
  ///
  /// - Parameters:
  ///   - read: the recipe as read from `source`: v2 or sglang-v1 (other formats are refused).
  ///   - source: the file's bytes.
  ///   - target: the engine version to move to.
  public func plan(_ read: ReadRecipe, source: [UInt8], to target: EngineVersion) -> Plan {
    var plan = Plan(from: nil, to: target, changes: [], refusals: [], notes: [], output: nil)
    func refuse(_ code: String, _ message: String, _ path: KeyPath = .root, hint: String) {
      plan.refusals.append(
        Diagnostic(.error, code: code, message, at: location(read, path), path: path, hint: hint))
    }
    let subject: UpgradeSubject
    switch UpgradeSubject.of(read) {
    case .success(let x): subject = x
    case .failure(let why):
      refuse("upgrade-unsupported", why.message, hint: why.hint)
      return plan
    }
    guard let root = read.documents.first?.root else { return plan }
    let engine = subject.engine
    let from = subject.from
    plan.from = from
    guard let from else {
      refuse(
        "upgrade-no-pin", "the recipe pins no engine version (a version field or an image tag)",
        subject.pin?.path ?? .root,
        hint: "pin the version it runs today ('registry pin'), then upgrade")
      return plan
    }
    guard from < target else {
      refuse(
        "upgrade-not-newer",
        "\(engine) \(target.normalized) is not newer than the pinned \(from.normalized)",
        subject.pin?.path ?? .root,
        hint: "give a version above \(from.normalized)")
      return plan
    }
    let renames = store.renames(engine: engine, from: from, to: target)
    let fromMatch = store.catalog(engine: engine, version: from)
    let toMatch = store.catalog(engine: engine, version: target)
    for m in [fromMatch, toMatch] where m.kind != .exact { plan.notes.append(m.note) }
    let toCatalog = toMatch.catalog
    let fromCatalog = fromMatch.catalog
    var edits: [ScalarEdit.ByteEdit] = []

    for site in subject.sites {
      let flag = site.flag
      let spelling = flag.hasPrefix("-") ? flag : "--" + flag
      let off = site.off
      if let rename = renames.last(where: {
        NamedFieldFlags.normalize($0.old) == NamedFieldFlags.normalize(spelling)
      }) {
        let why = "\(engine) \(rename.since.normalized): \(rename.note)"
        guard let new = rename.new, !off else {
          drop(
            site,
            reason: off
              ? "switched off; \(spelling) is gone in \(rename.since.normalized)"
              : "removed in " + why)
          continue
        }
        let newKey = flag.hasPrefix("-") ? new : String(new.drop { $0 == "-" })
        if site.siblings.contains(where: {
          NamedFieldFlags.normalize($0) == NamedFieldFlags.normalize(newKey)
        }) {
          refuse(
            "upgrade-conflict", "'\(flag)' becomes '\(newKey)', which the recipe already sets",
            site.path,
            hint: "merge the two by hand (\(rename.note))")
          continue
        }
        switch rename.value {
        case .manual:
          refuse(
            "upgrade-needs-decision",
            "'\(flag)' is replaced by '\(new)' in \(engine) \(rename.since.normalized), with a value that needs a decision",
            site.path,
            hint: rename.note)
          continue
        case .carry:
          add(
            { () throws(ScalarEdit.Failure) in
              [try ScalarEdit.renameKey(at: site.path, to: newKey, root: root)]
            },
            UpgradeChange(
              kind: .rename, path: site.path, old: flag, new: newKey, reason: "value kept; " + why))
        case .none:
          add(
            { () throws(ScalarEdit.Failure) in
              [
                try ScalarEdit.renameKey(at: site.path, to: newKey, root: root),
                try ScalarEdit.replaceValue(at: site.path, with: "true", root: root),
              ]
            },
            UpgradeChange(
              kind: .rename, path: site.path, old: flag, new: "\(newKey): true", reason: why))
        case .fixed(let value):
          add(
            { () throws(ScalarEdit.Failure) in
              [
                try ScalarEdit.renameKey(at: site.path, to: newKey, root: root),
                try ScalarEdit.replaceValue(at: site.path, with: value, root: root),
              ]
            },
            UpgradeChange(
              kind: .rename, path: site.path, old: flag, new: "\(newKey): \(value)", reason: why))
        }
        continue
      }
      guard let toCatalog, toCatalog.resolve(spelling) == nil, fromCatalog?.resolve(spelling) != nil
      else { continue }
      if off {
        drop(
          site,
          reason: "switched off; \(spelling) is not in the \(toCatalog.version.normalized) catalog")
      } else {
        refuse(
          "upgrade-removed-flag",
          "'\(spelling)' is not a flag of \(engine) \(target.normalized) and has no recorded replacement",
          site.path,
          hint:
            "decide what it did and remove or replace it by hand ('registry engines \(engine) --flag \(flag)')"
        )
      }
    }

    // Pin and image.
    if let pin = subject.pin {
      // Keep the pin's spelling: sglang-v1 writes `v0.5.5.post2`, v2 `0.5.5.post2`.
      let value =
        (pin.value.hasPrefix("v") || pin.value.hasPrefix("V") ? String(pin.value.prefix(1)) : "")
        + target.normalized
      add(
        { () throws(ScalarEdit.Failure) in
          [try ScalarEdit.replaceValue(at: pin.path, with: value, root: root)]
        },
        UpgradeChange(kind: .pin, path: pin.path, old: pin.value, new: value, reason: "pin"))
    }
    if let (imagePath, reference) = subject.image {
      let image = ContainerImage(reference)
      if image.isDynamoRuntime {
        plan.notes.append(
          "\(imagePath) is a Dynamo runtime (\(reference)); pick the Dynamo release that ships \(engine) \(target.normalized)"
        )
      } else if let tag = image.tag, let v = image.version,
        let newTag = Self.retag(tag, version: v, to: target)
      {
        let newRef = image.repository + ":" + newTag
        if image.digest != nil {
          plan.notes.append("\(imagePath) had a digest; it is dropped with the new tag")
        }
        add(
          { () throws(ScalarEdit.Failure) in
            [try ScalarEdit.replaceValue(at: imagePath, with: newRef, root: root)]
          },
          UpgradeChange(kind: .image, path: imagePath, old: reference, new: newRef, reason: "tag"))
      } else {
        plan.notes.append(
          "\(imagePath) '\(reference)' names no version; set an image of \(engine) \(target.normalized) by hand"
        )
      }
    }
    guard plan.refusals.isEmpty else { return plan }
    guard let out = ScalarEdit.apply(edits, to: source) else {
      refuse("upgrade-edit-failed", "the edits overlap", hint: "upgrade in two steps")
      return plan
    }
    let reread = RecipeReader.read(out, file: read.file)
    if !reread.isValid || reread.format != read.format {
      plan.refusals = reread.diagnostics.filter { $0.severity == .error }
      if plan.refusals.isEmpty {
        refuse(
          "upgrade-edit-failed", "the edited recipe no longer reads as \(read.format.rawValue)",
          hint: "upgrade it by hand")
      }
      return plan
    }
    plan.output = out
    return plan

    func drop(_ site: UpgradeSubject.Site, reason: String) {
      add(
        { () throws(ScalarEdit.Failure) in
          [try ScalarEdit.removeEntry(at: site.path, in: source, root: root)]
        },
        UpgradeChange(kind: .drop, path: site.path, old: site.flag, new: nil, reason: reason))
    }
    func add(
      _ make: () throws(ScalarEdit.Failure) -> [ScalarEdit.ByteEdit], _ change: UpgradeChange
    ) {
      do {
        edits += try make()
        plan.changes.append(change)
      } catch {
        refuse(
          "upgrade-edit-failed", "cannot edit \(change.path) in place: \(error)", change.path,
          hint: "make this change by hand: \(change)")
      }
    }
  }

  /// The tag with its version part moved to `target` (`v0.5.8-cu130` → `v0.5.23-cu130`).
  static func retag(_ tag: String, version: EngineVersion, to target: EngineVersion) -> String? {
    let segments = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    for count in stride(from: segments.count, through: 1, by: -1) {
      let head = segments[0..<count].joined(separator: "-")
      if EngineVersion(head) == version {
        let prefix = head.hasPrefix("v") || head.hasPrefix("V") ? String(head.prefix(1)) : ""
        return ([prefix + target.normalized] + segments[count...]).joined(separator: "-")
      }
    }
    return nil
  }

  private func location(_ read: ReadRecipe, _ path: KeyPath) -> SourceLocation? {
    guard let root = read.documents.first?.root else { return nil }
    var comps = path.components
    while !comps.isEmpty {
      if let k = root.keyNode(at: KeyPath(comps)), k.start.isKnown {
        return SourceLocation(file: read.file, mark: k.start)
      }
      comps.removeLast()
    }
    return SourceLocation(file: read.file, mark: root.start)
  }
}
