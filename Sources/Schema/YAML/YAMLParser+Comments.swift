/// Comments: the `#` text between events, trailing the node just completed or waiting for
/// the next one.
extension YAMLParser {
  mutating func takePending() -> [String] {
    guard !pendingComments.isEmpty else { return [] }
    defer { pendingComments = [] }
    return pendingComments
  }

  /// Scans the bytes between the last event and `limit` for `#` comments: one on the line of a
  /// scalar or flow collection just completed trails that node; others wait for the next node.
  mutating func collectComments(upTo limit: Int) {
    guard keepComments else { return }
    var i = max(lastEnd, 0)
    guard i < limit, limit <= count else {
      if limit > lastEnd { lastEnd = min(limit, count) }
      return
    }
    var sawNewline = false
    let b = buffer
    while i < limit {
      let c = b[i]
      if c == 0x0A {
        sawNewline = true
      } else if c == UInt8(ascii: "#") {
        var j = i + 1
        while j < count, b[j] != 0x0A, b[j] != 0x0D { j += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
        if !sawNewline, lastEndTrailable {
          attachTrailing(text)
        } else {
          pendingComments.append(text)
        }
        i = j
        continue
      }
      i += 1
    }
    lastEnd = limit
    if sawNewline { lastEndTrailable = false }
  }

  private mutating func attachTrailing(_ text: String) {
    lastEndTrailable = false
    guard !stack.isEmpty else {
      root?.comments.trailing = text
      return
    }
    let top = stack.count - 1
    if stack[top].isMapping {
      if stack[top].pendingKey != nil {
        stack[top].pendingKey!.comments.trailing = text
      } else if !stack[top].pairs.isEmpty {
        stack[top].pairs[stack[top].pairs.count - 1].value.comments.trailing = text
      } else {
        pendingComments.append(text)
      }
    } else if !stack[top].items.isEmpty {
      stack[top].items[stack[top].items.count - 1].comments.trailing = text
    } else {
      pendingComments.append(text)
    }
  }
}
