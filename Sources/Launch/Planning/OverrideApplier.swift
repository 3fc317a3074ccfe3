internal import Schema

/// Applies `--set` / `--unset` overrides to a recipe: the edits are made on the recipe's v2
/// YAML node, which is then decoded again with `RecipeV2.decode`, so a wrong type or an
/// unknown key is the schema's own located error (with its did-you-mean hint).
///
/// A common serving field (`serving.X`) set by an override also replaces the same field where
/// a role overrides it (`roles.R.serving.X`): `--tp 4` means TP 4 for every role.
enum OverrideApplier {
  /// The file name diagnostics of overridden recipes carry.
  static let file = "<overrides>"

  /// The recipe with every override applied, in order.
  ///
  /// - Throws: ``PlanningError/recipe(_:)`` with the schema's diagnostics, each naming the
  ///   override it concerns.
  static func apply(_ overrides: [RecipeOverride], to recipe: RecipeV2) throws(PlanningError)
    -> RecipeV2
  {
    guard !overrides.isEmpty else { return recipe }
    var root = recipe.encode()
    var problems: [Diagnostic] = []
    for o in overrides {
      let path = KeyPath(parsing: o.path)
      guard !path.isEmpty, path.components.first != .key("schema") else {
        problems.append(
          Diagnostic(
            .error, code: "bad-override", "\(o.source): cannot change '\(o.path)'", path: path))
        continue
      }
      switch o {
      case .set(_, let text, _, let quoted):
        let value = quoted ? YAMLNode(.scalar(text, .doubleQuoted)) : Self.value(text)
        if let problem = set(&root, path.components[...], value, full: path, source: o.source) {
          problems.append(problem)
        }
        if path.components.count == 2, path.components[0] == .key("serving"),
          case .key(let field) = path.components[1],
          let roles = root["roles"]?.mapping
        {
          for pair in roles {
            guard let role = pair.key.scalar, pair.value["serving"]?[field] != nil else { continue }
            let rolePath = KeyPath([.key("roles"), .key(role), .key("serving"), .key(field)])
            _ = set(&root, rolePath.components[...], value, full: rolePath, source: o.source)
          }
        }
      case .unset:
        if let problem = unset(&root, path.components[...], full: path, source: o.source) {
          problems.append(problem)
        }
      }
    }
    if !problems.isEmpty { throw .recipe(problems) }
    let (decoded, diagnostics) = RecipeV2.decode(YAMLDocument(root: root), file: file)
    let errors = diagnostics.filter { $0.severity == .error }.map { d -> Diagnostic in
      var d = d
      let source = overrides.last {
        Self.isPrefix(KeyPath(parsing: $0.path), of: d.path)
          || Self.isPrefix(d.path, of: KeyPath(parsing: $0.path))
      }
      d.message = "\(source?.source ?? "overrides"): \(d.message)"
      d.location = nil
      return d
    }
    guard let decoded, errors.isEmpty else { throw .recipe(errors) }
    return decoded
  }

  /// An override value read as one YAML node; text that is not valid YAML is a string.
  static func value(_ text: String) -> YAMLNode {
    if text.isEmpty { return .string("") }
    if let doc = try? YAML.parse(text),
      doc.root.scalar != nil || doc.root.mapping != nil || doc.root.sequence != nil
    {
      return doc.root
    }
    return .string(text)
  }

  static func isPrefix(_ a: KeyPath, of b: KeyPath) -> Bool {
    a.components.count <= b.components.count
      && Array(b.components.prefix(a.components.count)) == a.components
  }

  private static func set(
    _ node: inout YAMLNode, _ rest: ArraySlice<KeyPath.Component>, _ value: YAMLNode, full: KeyPath,
    source: String
  ) -> Diagnostic? {
    guard let first = rest.first else {
      node = value
      return nil
    }
    switch first {
    case .key(let k):
      if node.mapping == nil {
        guard node.isNull else {
          return Diagnostic(
            .error, code: "bad-override",
            "\(source): '\(full)' goes through a value that is not a mapping", path: full)
        }
        node = .mapping([])
      }
      var child = node[k] ?? .mapping([])
      if let d = set(&child, rest.dropFirst(), value, full: full, source: source) { return d }
      node.set(k, child)
      return nil
    case .index(let i):
      guard case .sequence(var items, let style) = node.kind, items.indices.contains(i) else {
        return Diagnostic(
          .error, code: "bad-override", "\(source): '\(full)' has no item \(i)", path: full)
      }
      if let d = set(&items[i], rest.dropFirst(), value, full: full, source: source) { return d }
      node.kind = .sequence(items, style)
      return nil
    }
  }

  private static func unset(
    _ node: inout YAMLNode, _ rest: ArraySlice<KeyPath.Component>, full: KeyPath, source: String
  ) -> Diagnostic? {
    guard case .key(let k) = rest.first, let child = node[k] else {
      var hint: String?
      if case .key(let k) = rest.first, let keys = node.mapping?.compactMap({ $0.key.scalar }),
        let near = DidYouMean.closest(to: k, in: keys)
      {
        hint = "did you mean '\(near)'?"
      }
      return Diagnostic(
        .error, code: "bad-override", "\(source): the recipe has nothing at '\(full)'", path: full,
        hint: hint)
    }
    if rest.count == 1 {
      node.remove(k)
      return nil
    }
    var c = child
    if let d = unset(&c, rest.dropFirst(), full: full, source: source) { return d }
    node.set(k, c)
    return nil
  }
}
