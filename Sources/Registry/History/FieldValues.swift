import Foundation
import Schema

/// Reads one field (by key path) out of recipe blobs, caching per blob id.
///
/// The path is looked up in the YAML document as written; when absent, its v1/v2 alias is
/// tried (`engine.version` ⇄ `sglang_version`, `engine.image` ⇄ `model.container`), so one
/// timeline spans a migration.
package final class FieldValues {
  package let repository: GitRepository
  package let field: KeyPath
  private var cache: [ObjectID: (value: String?, name: String?)] = [:]

  package init(repository: GitRepository, field: KeyPath) {
    self.repository = repository
    self.field = field
  }

  /// The alias of a v1/v2 key path, if it has one.
  package static func alias(of path: KeyPath) -> KeyPath? {
    switch path.description {
    case "engine.version": return "sglang_version"
    case "sglang_version": return "engine.version"
    case "engine.image": return "model.container"
    case "model.container": return "engine.image"
    default: return nil
    }
  }

  /// The field's value and the recipe name in a blob (nil id: absent).
  package func value(in blob: ObjectID?) throws(GitError) -> (value: String?, name: String?) {
    guard let blob else { return (nil, nil) }
    if let hit = cache[blob] { return hit }
    let bytes = try repository.blob(blob)
    let result = Self.value(at: field, in: bytes)
    cache[blob] = result
    return result
  }

  /// The value at `path` in recipe text (a scalar's text, a collection in flow style).
  package static func value(at path: KeyPath, in bytes: [UInt8]) -> (value: String?, name: String?)
  {
    guard let root = try? YAML.parse(bytes).root else { return (nil, nil) }
    let node = root.value(at: path) ?? alias(of: path).flatMap { root.value(at: $0) }
    return (node.map(Self.text), root["name"]?.scalar)
  }

  /// A node as one line: the scalar's text, or flow YAML for a collection.
  package static func text(_ node: YAMLNode) -> String {
    if let s = node.scalar { return s }
    var flow = node
    flow.comments = YAMLComments()
    if case .mapping(let p, _) = flow.kind { flow.kind = .mapping(p, .flow) }
    if case .sequence(let i, _) = flow.kind { flow.kind = .sequence(i, .flow) }
    return YAMLEmitter.emit(flow).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
