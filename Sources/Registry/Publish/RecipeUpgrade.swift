public import Engines
import Foundation
public import Migrate
import Schema

/// `registry upgrade` on files and registries: which recipe an upgrade reads, where the
/// upgraded text may be written, and how it is committed through the publishing path.
public struct RecipeUpgrade {
  /// Plans the edits.
  public var upgrader: Upgrader
  /// The engine version to move to.
  public var target: EngineVersion

  /// An upgrade of recipes to `target`, planned by `upgrader`.
  public init(upgrader: Upgrader, to target: EngineVersion) {
    self.upgrader = upgrader
    self.target = target
  }

  /// A recipe to upgrade.
  public struct Source: Sendable, Hashable {
    /// What messages call it: the file's path, or the registry recipe's path in the tree.
    public var file: String
    /// The recipe's bytes.
    public var bytes: [UInt8]
    /// Where the upgraded text may be written: the file itself, or the registry recipe's
    /// checked-out copy when it holds exactly the recipe at the tip; nil when there is no
    /// such file (a bare registry, another rev or scope, a modified copy).
    public var writablePath: String?

    /// A source with its bytes.
    public init(file: String, bytes: [UInt8], writablePath: String?) {
      self.file = file
      self.bytes = bytes
      self.writablePath = writablePath
    }
  }

  /// The recipe file at `path`, written back in place.
  /// - Throws: ``RegistryError/io(_:)`` when it cannot be read.
  public static func source(file path: String) throws(RegistryError) -> Source {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io("cannot read \(path)")
    }
    return Source(file: path, bytes: [UInt8](data), writablePath: path)
  }

  /// The registry recipe `reference` names; writable only as its checked-out copy, when the
  /// reference names no rev or scope and the copy has the bytes of the recipe at the tip.
  /// - Throws: what ``RecipeRegistry/resolve(_:from:)`` throws.
  public static func source(of reference: RecipeReference, in registry: RecipeRegistry) throws
    -> Source
  {
    let found = try registry.resolve(reference)
    let onDisk = registry.repository.workingDirectory.map {
      ($0.hasSuffix("/") ? $0 : $0 + "/") + found.path
    }
    let current = onDisk.flatMap { FileManager.default.contents(atPath: $0) }.map { [UInt8]($0) }
    let writable = reference.rev == nil && reference.scope == nil && current == found.bytes
    return Source(file: found.path, bytes: found.bytes, writablePath: writable ? onDisk : nil)
  }

  /// The upgrade of `source`: its edits, refusals and (when nothing is refused) new text.
  public func plan(_ source: Source) -> Upgrader.Plan {
    upgrader.plan(
      RecipeReader.read(source.bytes, file: source.file), source: source.bytes, to: target)
  }

  /// The commit subject when none is given: `Upgrade NAME to V (from U)`.
  public static func message(_ plan: Upgrader.Plan, name: String) -> String {
    "Upgrade \(name) to \(plan.to.normalized)"
      + (plan.from.map { " (from \($0.normalized))" } ?? "")
  }

  /// Publishes an upgraded file (`bytes`, written at `path`) over the registry recipe of the
  /// same name, in its own format, with the publish checks and trailers.
  /// - Parameter message: the commit subject; nil for ``message(_:name:)``.
  public func publish(
    file path: String, bytes: [UInt8], plan: Upgrader.Plan, to registry: RecipeRegistry,
    message: String?, author: Signature, branch: String?
  ) throws -> PublishReport {
    let subject =
      message ?? Self.message(plan, name: RecipeReader.read(bytes, file: path).summary.name)
    return try RecipePublisher(registry: registry).publish(
      [RecipePublisher.Input(file: path, bytes: bytes)],
      options: PublishOptions(
        message: subject, author: author, branch: branch, replace: true, keepFormat: true))
  }

  /// What ``publish(recipe:in:message:author:branch:)`` did.
  public struct Published {
    /// The plan for the recipe at the tip (nil when the recipe was never read).
    public var plan: Upgrader.Plan?
    /// The recipe's path in the tree.
    public var file: String
    /// The commit; nil when the plan refused the upgrade (nothing was written).
    public var report: PublishReport?
  }

  /// Upgrades the registry recipe `name` as it is at the branch tip and commits the result,
  /// planned inside the publishing path's compare-and-swap (a concurrent change is re-read).
  /// A refused plan writes nothing and returns without a report.
  /// - Parameter message: the commit subject; nil for ``message(_:name:)``.
  /// - Throws: what ``RecipePublisher/update(_:author:branch:change:)`` throws.
  public func publish(
    recipe name: String, in registry: RecipeRegistry, message: String?, author: Signature,
    branch: String?
  ) throws -> Published {
    var result = Published(plan: nil, file: name, report: nil)
    do {
      result.report = try RecipePublisher(registry: registry).update(
        name, author: author, branch: branch
      ) { found in
        result.file = found.path
        let plan = upgrader.plan(found.read, source: found.bytes, to: target)
        result.plan = plan
        guard plan.refusals.isEmpty, let out = plan.output else { throw Refused() }
        return (
          out, message ?? Self.message(plan, name: found.name),
          plan.changes.map(\.description).joined(separator: "\n")
        )
      }
    } catch is Refused {
      result.report = nil
    }
    return result
  }

  private struct Refused: Error {}
}
