extension YAMLNode {
  /// Edits the entries of a mapping in place; nil, without calling `body`, for other kinds.
  /// The node lets go of its entries meanwhile, so that editing them copies nothing.
  @discardableResult
  public mutating func editPairs<R>(_ body: (inout [YAMLPair]) -> R) -> R? {
    guard case .mapping(var pairs, let style) = kind else { return nil }
    kind = .mapping([], style)
    defer { kind = .mapping(pairs, style) }
    return body(&pairs)
  }

  /// Edits the items of a sequence in place, like `editPairs`; nil for other kinds.
  @discardableResult
  public mutating func editItems<R>(_ body: (inout [YAMLNode]) -> R) -> R? {
    guard case .sequence(var items, let style) = kind else { return nil }
    kind = .sequence([], style)
    defer { kind = .sequence(items, style) }
    return body(&items)
  }
}
