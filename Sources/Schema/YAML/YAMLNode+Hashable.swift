extension YAMLNode: Hashable {
  /// Hashes content consistently with `==`: scalars by resolved value, collections by kind
  /// and size (mapping order does not matter for equality, so it does not enter the hash).
  public func hash(into hasher: inout Hasher) {
    switch kind {
    case .scalar: hasher.combine(resolved)
    case .mapping(let pairs, _):
      hasher.combine(1)
      hasher.combine(pairs.count)
    case .sequence(let items, _):
      hasher.combine(2)
      hasher.combine(items.count)
    }
  }
}

extension YAMLPair: Hashable {
  public static func == (a: YAMLPair, b: YAMLPair) -> Bool { a.key == b.key && a.value == b.value }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(key)
    hasher.combine(value)
  }
}
