internal import CLibYAML

/// Builds the document of a source in the YAML subset straight from the scanner's events,
/// without comments: the very tree `YAMLParser` builds from the same events with
/// `comments: false`, without the general builder's bookkeeping (comments, anchors, tags,
/// several documents) that the subset never needs.
///
/// Anything the general builder would report as an error (a duplicate key, nesting deeper
/// than the limit) is not built here: the result is nil, and the source goes the general way,
/// which reports it.
struct YAMLSubsetTree: YAMLSubsetSink {
  /// A collection being read; its entries are on `nodes` from `first` on.
  private struct Open {
    var isMapping: Bool
    var flow: Bool
    var start: Mark
    var first: Int
  }

  private let maxDepth: Int
  private var open: [Open] = []
  /// The finished nodes of the open collections (keys and values alternating in mappings),
  /// outermost first; a collection takes its own when it closes.
  private let nodes = YAMLNodeStack()
  /// The `KeyFingerprint` of every key on `nodes` (0 for values and items), in step with it.
  private var fingerprints: [UInt64] = []
  private var lastCompletedEnd = Mark.none
  private var refused = false

  init(maxDepth: Int) {
    self.maxDepth = maxDepth
    open.reserveCapacity(8)
    fingerprints.reserveCapacity(64)
  }

  /// The document once every event was taken, or nil when the general builder must read the
  /// source.
  func finish() -> YAMLDocument? {
    guard !refused, open.isEmpty, nodes.count == 1 else { return nil }
    return YAMLDocument(root: nodes.take(from: 0)[0])
  }

  /// The scanner's marks count from 0 in a source of ASCII bytes (no byte-order mark).
  @inline(__always) private static func mark(_ m: yaml_mark_t) -> Mark {
    Mark(line: m.line + 1, column: m.column + 1, offset: m.index)
  }

  @inline(__always) mutating func take(_ event: YAMLEvent) {
    guard !refused else { return }
    switch event.kind {
    case .streamStart, .streamEnd, .documentStart, .documentEnd:
      break
    case .alias:
      refused = true
    case .scalar:
      let end = Self.mark(event.end)
      lastCompletedEnd = end
      let text = String(decoding: event.value, as: UTF8.self)
      var fingerprint: UInt64 = 0
      if let top = open.last, top.isMapping, (nodes.count - top.first) % 2 == 0 {
        fingerprint = KeyFingerprint.of(bytes: event.value)
        if isDuplicate(text, fingerprint, from: top.first) {
          refused = true
          return
        }
      }
      nodes.push(.scalar(text, event.style), start: Self.mark(event.start), end: end)
      fingerprints.append(fingerprint)
    case .mappingStart, .sequenceStart:
      guard open.count < maxDepth else {
        refused = true
        return
      }
      open.append(
        Open(
          isMapping: event.kind == .mappingStart, flow: event.flow, start: Self.mark(event.start),
          first: nodes.count))
    case .mappingEnd, .sequenceEnd:
      let closing = open.removeLast()
      let end =
        closing.flow
        ? Self.mark(event.end)
        : lastCompletedEnd.isKnown ? lastCompletedEnd : Self.mark(event.start)
      lastCompletedEnd = end
      let style: CollectionStyle = closing.flow ? .flow : .block
      let kind: YAMLNode.Kind =
        closing.isMapping
        ? .mapping(nodes.takePairs(from: closing.first), style)
        : .sequence(nodes.take(from: closing.first), style)
      fingerprints.removeSubrange(closing.first...)
      // A collection in a mapping's key place never reaches here: the subset's keys are plain.
      nodes.push(kind, start: closing.start, end: end)
      fingerprints.append(0)
    }
  }

  /// Whether a key repeats one of the mapping whose entries start at `first` on `nodes`.
  private func isDuplicate(_ text: String, _ fingerprint: UInt64, from first: Int) -> Bool {
    var i = first
    while i < fingerprints.count {
      // Same length and first bytes: the whole key, or compare the texts.
      if fingerprints[i] == fingerprint,
        KeyFingerprint.holdsWholeKey(fingerprint) || nodes[i].scalar == text
      {
        return true
      }
      i += 2
    }
    return false
  }
}

extension YAMLSubsetScanner where Sink == YAMLSubsetTree {
  /// The document of `buffer` without comments, or nil when it is not in the subset or the
  /// general builder must report a problem of it.
  static func document(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> YAMLDocument? {
    scan(buffer, into: YAMLSubsetTree(maxDepth: maxDepth))?.finish()
  }
}
