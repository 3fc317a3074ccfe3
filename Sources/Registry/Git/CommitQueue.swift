/// A max-heap of commits by committer time; commits with equal times come out in insertion order.
struct CommitQueue {
  private struct Item {
    let time: Int64
    let sequence: Int
    let id: ObjectID
  }

  private var items: [Item] = []
  private var nextSequence = 0

  var isEmpty: Bool { items.isEmpty }

  mutating func push(_ id: ObjectID, time: Int64) {
    items.append(Item(time: time, sequence: nextSequence, id: id))
    nextSequence += 1
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard before(items[child], items[parent]) else { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> ObjectID? {
    guard !items.isEmpty else { return nil }
    items.swapAt(0, items.count - 1)
    let top = items.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var best = parent
      if left < items.count && before(items[left], items[best]) { best = left }
      if right < items.count && before(items[right], items[best]) { best = right }
      if best == parent { break }
      items.swapAt(parent, best)
      parent = best
    }
    return top.id
  }

  private func before(_ a: Item, _ b: Item) -> Bool {
    a.time != b.time ? a.time > b.time : a.sequence < b.sequence
  }
}
