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
    var draft = Draft(read: read, source: source, target: target)
    let subject: UpgradeSubject
    switch UpgradeSubject.of(read) {
    case .success(let x): subject = x
    case .failure(let why):
      draft.refuse("upgrade-unsupported", why.message, hint: why.hint)
      return draft.plan
    }
    guard let root = read.documents.first?.root else { return draft.plan }
    let engine = subject.engine
    let from = subject.from
    draft.plan.from = from
    guard let from else {
      draft.refuse(
        "upgrade-no-pin", "the recipe pins no engine version (a version field or an image tag)",
        subject.pin?.path ?? .root,
        hint: "pin the version it runs today ('registry pin'), then upgrade")
      return draft.plan
    }
    guard from < target else {
      draft.refuse(
        "upgrade-not-newer",
        "\(engine) \(target.normalized) is not newer than the pinned \(from.normalized)",
        subject.pin?.path ?? .root,
        hint: "give a version above \(from.normalized)")
      return draft.plan
    }
    planFlags(subject, from: from, root: root, into: &draft)
    planPinAndImage(subject, root: root, into: &draft)
    return draft.finished()
  }

  // MARK: - Pin and image

  /// Moves the version scalar (in its spelling) and the image tag to the target version.
  func planPinAndImage(_ subject: UpgradeSubject, root: YAMLNode, into draft: inout Draft) {
    let engine = subject.engine
    let target = draft.plan.to
    if let pin = subject.pin {
      // Keep the pin's spelling: sglang-v1 writes `v0.5.5.post2`, v2 `0.5.5.post2`.
      let value =
        (pin.value.hasPrefix("v") || pin.value.hasPrefix("V") ? String(pin.value.prefix(1)) : "")
        + target.normalized
      draft.add(
        { () throws(ScalarEdit.Failure) in
          [try ScalarEdit.replaceValue(at: pin.path, with: value, root: root)]
        },
        UpgradeChange(kind: .pin, path: pin.path, old: pin.value, new: value, reason: "pin"))
    }
    if let (imagePath, reference) = subject.image {
      let image = ContainerImage(reference)
      if image.isDynamoRuntime {
        draft.plan.notes.append(
          "\(imagePath) is a Dynamo runtime (\(reference)); pick the Dynamo release that ships \(engine) \(target.normalized)"
        )
      } else if let tag = image.tag, let v = image.version,
        let newTag = Self.retag(tag, version: v, to: target)
      {
        let newRef = image.repository + ":" + newTag
        if image.digest != nil {
          draft.plan.notes.append("\(imagePath) had a digest; it is dropped with the new tag")
        }
        draft.add(
          { () throws(ScalarEdit.Failure) in
            [try ScalarEdit.replaceValue(at: imagePath, with: newRef, root: root)]
          },
          UpgradeChange(kind: .image, path: imagePath, old: reference, new: newRef, reason: "tag"))
      } else {
        draft.plan.notes.append(
          "\(imagePath) '\(reference)' names no version; set an image of \(engine) \(target.normalized) by hand"
        )
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
}
