extension YAMLNode: Hashable {
  /// Hashes content consistently with `==`: scalars by resolved value, sequences by items,
  /// mappings by size and an order-independent combination of their entries.
  public func hash(into hasher: inout Hasher) {
    switch kind {
    case .scalar:
      hasher.combine(0)
      hasher.combine(resolved)
    case .sequence(let items, _):
      hasher.combine(1)
      hasher.combine(items)
    case .mapping(let pairs, _):
      hasher.combine(2)
      hasher.combine(pairs.count)
      var combined = 0
      for p in pairs {
        var h = Hasher()
        h.combine(p.key)
        h.combine(p.value)
        combined ^= h.finalize()
      }
      hasher.combine(combined)
    }
  }
}

extension YAMLPair: Hashable {
  /// Whether both key and value are equal (as nodes compare).
  public static func == (a: YAMLPair, b: YAMLPair) -> Bool { a.key == b.key && a.value == b.value }
  /// Hashes key and value consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(key)
    hasher.combine(value)
  }
}
