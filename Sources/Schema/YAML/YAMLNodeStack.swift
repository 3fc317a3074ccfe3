/// A stack of nodes from which a finished collection moves its entries out at once, into an
/// array of exactly their number, without copying or releasing them.
final class YAMLNodeStack {
  private var base: UnsafeMutablePointer<YAMLNode>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 64) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  subscript(i: Int) -> YAMLNode { base[i] }

  /// Pushes a node built here, in its place on the stack.
  func push(_ kind: consuming YAMLNode.Kind, start: Mark, end: Mark) {
    if count == capacity {
      let grown = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: base, count: count)
      base.deallocate()
      base = grown
      capacity *= 2
    }
    (base + count).initialize(to: YAMLNode.bare(kind, start: start, end: end))
    count += 1
  }

  // The arrays are reserved and appended to, not made with `init(unsafeUninitializedCapacity:)`:
  // on Linux that one allocates through the standard library's unspecialized code, which
  // looks the storage type up at run time (a third of the cost of building a mapping).

  /// The nodes from `first` to the top, removed from the stack.
  func take(from first: Int) -> [YAMLNode] {
    let n = count - first
    var items: [YAMLNode] = []
    items.reserveCapacity(n)
    for i in 0..<n { items.append((base + first + i).move()) }
    count = first
    return items
  }

  /// The nodes from `first` to the top, keys and values alternating, as pairs removed from the
  /// stack. An odd count leaves nothing behind: a last key without value is dropped.
  func takePairs(from first: Int) -> [YAMLPair] {
    let n = (count - first) / 2
    var pairs: [YAMLPair] = []
    pairs.reserveCapacity(n)
    // Each pair is put together in a scratch slot from the two moved halves, then moved into
    // the array (building a pair with its initializer copies both nodes).
    withUnsafeTemporaryAllocation(of: YAMLPair.self, capacity: 1) { scratch in
      let slot = scratch.baseAddress!
      for i in 0..<n {
        let at = base + first + 2 * i
        slot.pointer(to: \.key)!.moveInitialize(from: at, count: 1)
        slot.pointer(to: \.value)!.moveInitialize(from: at + 1, count: 1)
        pairs.append(slot.move())
      }
    }
    (base + first + 2 * n).deinitialize(count: count - first - 2 * n)
    count = first
    return pairs
  }
}
