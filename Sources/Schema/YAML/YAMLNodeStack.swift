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

  /// The nodes from `first` to the top, removed from the stack.
  func take(from first: Int) -> [YAMLNode] {
    let n = count - first
    count = first
    return [YAMLNode](unsafeUninitializedCapacity: n) { buffer, initialized in
      buffer.baseAddress!.moveInitialize(from: base + first, count: n)
      initialized = n
    }
  }

  /// The nodes from `first` to the top, keys and values alternating, as pairs removed from the
  /// stack. An odd count leaves nothing behind: a last key without value is dropped.
  func takePairs(from first: Int) -> [YAMLPair] {
    let n = (count - first) / 2
    let pairs = [YAMLPair](unsafeUninitializedCapacity: n) { buffer, initialized in
      // Each half of a pair is moved into place (building a pair and storing it copies it).
      for i in 0..<n {
        let at = base + first + 2 * i
        let pair = buffer.baseAddress! + i
        pair.pointer(to: \.key)!.moveInitialize(from: at, count: 1)
        pair.pointer(to: \.value)!.moveInitialize(from: at + 1, count: 1)
      }
      initialized = n
    }
    (base + first + 2 * n).deinitialize(count: count - first - 2 * n)
    count = first
    return pairs
  }
}
