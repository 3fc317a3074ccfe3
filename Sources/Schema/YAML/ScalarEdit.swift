/// In-place edits of one scalar in a source text: every other byte (comments, spacing,
/// quoting elsewhere) stays identical.
package enum ScalarEdit {
  package enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(KeyPath)
    case notAScalar(KeyPath, found: String)
    case notFromSource(KeyPath)

    package var description: String {
      switch self {
      case .notFound(let p): return "no value at '\(p)'"
      case .notAScalar(let p, let found): return "'\(p)' is a \(found), not a single value"
      case .notFromSource(let p): return "'\(p)' has no position in the source text"
      }
    }
  }

  /// Replaces the scalar at `path` with `newValue` (a string), written in the scalar's own
  /// style when it can hold the text, and quoted when plain text would change its type.
  package static func replace(
    at path: KeyPath, with newValue: String, in source: [UInt8], root: YAMLNode
  ) throws(Failure) -> [UInt8] {
    guard let node = root.value(at: path) else { throw .notFound(path) }
    guard case .scalar(let old, let style) = node.kind else {
      throw .notAScalar(path, found: node.typeName)
    }
    guard node.start.offset >= 0, node.end.offset >= node.start.offset,
      node.end.offset <= source.count
    else { throw .notFromSource(path) }
    let text = render(
      newValue, style: style,
      wasString: ScalarResolver.resolve(old, style: style, tag: node.tag).isString)
    var out = Array(source[..<node.start.offset])
    out += Array(text.utf8)
    out += source[node.end.offset...]
    return out
  }

  /// The spelling of `value` in `style`: plain stays plain when it reads back as the same
  /// kind of value, under YAML 1.2 and under YAML 1.1 (`YAMLEmitter.plainSpelling`).
  package static func render(_ value: String, style: ScalarStyle, wasString: Bool) -> String {
    switch style {
    case .doubleQuoted:
      return YAMLEmitter.doubleQuoted(value)
    case .singleQuoted:
      if !value.utf8.contains(where: { $0 < 0x20 }) {
        return "'" + value.replacingAll("'", with: "''") + "'"
      }
      return YAMLEmitter.doubleQuoted(value)
    case .plain, .literal, .folded:
      let safe = YAMLEmitter.isSafePlain(value, inFlow: true)
      if safe, !wasString || ScalarResolver.resolvePlain(value).isString,
        let spelled = YAMLEmitter.plainSpelling(value)
      {
        return spelled
      }
      return YAMLEmitter.doubleQuoted(value)
    }
  }
}
