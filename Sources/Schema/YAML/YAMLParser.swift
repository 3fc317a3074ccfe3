internal import CLibYAML

/// Builds node trees, with marks, styles and (optionally) comments, from the event stream of
/// libyaml over a byte buffer that the caller keeps alive. A value type used as a local, so
/// that its state needs no dynamic exclusivity checks.
struct YAMLParser {
  let buffer: UnsafeBufferPointer<UInt8>
  let count: Int
  private let limits: YAMLLimits
  let keepComments: Bool
  let bomLength: Int
  let isASCII: Bool

  init(bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits, comments: Bool = true) {
    self.buffer = bytes
    self.count = bytes.count
    self.limits = limits
    self.keepComments = comments
    bomLength = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    isASCII = Self.isASCII(bytes)
  }

  // A plain loop, 8 bytes a step: `buffer[..<count].contains` goes through a generic `Slice`
  // read accessor per byte, which allocates in unoptimised builds (≈45 s for a 1 MB scalar
  // under ASan).
  private static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    let raw = UnsafeRawBufferPointer(buffer)
    let count = raw.count
    var i = 0
    while i + 8 <= count {
      if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      i += 8
    }
    while i < count {
      if raw[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }

  // MARK: - Builder state

  struct Frame {
    var isMapping: Bool
    var pairs: [YAMLPair] = []
    var items: [YAMLNode] = []
    var pendingKey: YAMLNode?
    var start: Mark
    var style: CollectionStyle
    var tag: String?
    var anchor: String?
    var comments: YAMLComments
    var size = 1
    var keyIndex: [String: Int]? = nil
    /// The entry whose value the pending key's value replaces (a repeated key, allowed).
    var replacing: Int? = nil
  }

  /// Whether a repeated key is allowed (last value wins) instead of an error.
  var allowRepeatedKeys = false
  var repeated: [YAMLRepeatedKey] = []

  var stack: [Frame] = []
  private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
  private var aliasExpanded = 0
  var pendingComments: [String] = []
  var lastEnd = 0
  var lastEndTrailable = false
  var root: YAMLNode?
  var rootSize = 0

  mutating func parse(single: Bool, subset: Bool = true) throws(YAMLError) -> [YAMLDocument] {
    if count > limits.maxDocumentBytes {
      throw YAMLError(
        .sizeLimit,
        "the document is \(count) bytes, more than the limit of \(limits.maxDocumentBytes) bytes",
        at: Mark(line: 1, column: 1, offset: 0),
        hint: "recipes are small; split the file or raise the limit")
    }
    // A UTF-16 or UTF-32 byte-order mark would switch libyaml to that encoding, while marks,
    // comments and the subset scanner count UTF-8 bytes: recipes are UTF-8, so it is an error.
    if let encoding = Self.otherEncoding(buffer) {
      throw YAMLError(
        .invalidUTF8,
        "the file is \(encoding) (it starts with a \(encoding) byte-order mark); recipes are UTF-8",
        at: Mark(line: 1, column: 1, offset: 0), hint: "save the file as UTF-8")
    }
    // Recipes are mostly written in a plain subset of YAML that needs no libyaml; the subset
    // scanner gives the very events libyaml would (ending with the stream's end), or nil.
    // Without comments they build the tree as they come; a source the subset tree leaves
    // (outside the subset, or with a problem to report) goes to libyaml.
    if subset, !keepComments {
      if let document = YAMLSubsetScanner.document(buffer, maxDepth: limits.maxDepth) {
        return [document]
      }
    } else if subset, let events = YAMLSubsetScanner.events(buffer) {
      for event in events where try handle(event, single: single) { break }
      return docs
    }
    guard let libyaml = LibYAMLParser(bytes: buffer) else {
      throw YAMLError(
        .syntax, "cannot initialise the YAML parser", at: Mark(line: 1, column: 1, offset: 0))
    }
    var event = yaml_event_t()
    while true {
      guard libyaml.next(&event) else { throw parserError(libyaml.parser.pointee) }
      defer { yaml_event_delete(&event) }
      if try handle(YAMLEvent(event), single: single) { return docs }
    }
  }

  private var docs: [YAMLDocument] = []
  private var explicitStart = false

  /// Adds one event to the trees; true at the end of the stream.
  private mutating func handle(_ event: YAMLEvent, single: Bool) throws(YAMLError) -> Bool {
    let start = mark(event.start)
    let end = mark(event.end)
    switch event.kind {
    case .streamStart:
      lastEnd = end.offset
    case .streamEnd:
      collectComments(upTo: count)
      if !pendingComments.isEmpty, !docs.isEmpty {
        docs[docs.count - 1].trailingComments += pendingComments
        pendingComments = []
      }
      return true
    case .documentStart:
      if single, !docs.isEmpty {
        throw YAMLError(
          .multipleDocuments, "a second YAML document starts here; a recipe file holds one",
          at: start, hint: "remove the '---' line or split the file into one file per document")
      }
      collectComments(upTo: start.offset)
      explicitStart = !event.implicit
      lastEnd = end.offset
      lastEndTrailable = false
    case .documentEnd:
      endDocument(start: start, end: end)
    case .scalar:
      try addScalar(event, start: start, end: end)
    case .alias:
      try addAlias(event, start: start, end: end)
    case .mappingStart, .sequenceStart:
      try startCollection(event, start: start, end: end)
    case .mappingEnd, .sequenceEnd:
      try endCollection(start: start, end: end)
    }
    return false
  }

  private mutating func endDocument(start: Mark, end: Mark) {
    collectComments(upTo: max(start.offset, lastEnd))
    lastEndTrailable = false
    let node = root ?? YAMLNode(.scalar("", .plain), start: start, end: start)
    var doc = YAMLDocument(
      root: node, trailingComments: pendingComments, explicitStart: explicitStart)
    if !repeated.isEmpty {
      doc.repeatedKeys = repeated
      repeated = []
    }
    docs.append(doc)
    pendingComments = []
    root = nil
    anchors = [:]
    aliasExpanded = 0
    lastEnd = max(lastEnd, end.offset)
  }

  private mutating func addScalar(_ event: YAMLEvent, start: Mark, end: Mark) throws(YAMLError) {
    collectComments(upTo: start.offset)
    let text = String(decoding: event.value, as: UTF8.self)
    let style = event.style
    if let anchor = cString(event.anchor) {
      let node = YAMLNode(
        .scalar(text, style), start: start, end: end, tag: normalizeTag(cString(event.tag)),
        comments: YAMLComments(before: takePending()))
      anchors[anchor] = (node, 1)
      try add(node, size: 1)
    } else {
      // Built in the call, so that the node moves into the tree without a copy.
      try add(
        YAMLNode(
          .scalar(text, style), start: start, end: end, tag: normalizeTag(cString(event.tag)),
          comments: YAMLComments(before: takePending())),
        size: 1)
    }
    lastEnd = end.offset
    // A block scalar ends at the start of the line after it: nothing there trails it.
    lastEndTrailable = style != .literal && style != .folded
  }

  private mutating func addAlias(_ event: YAMLEvent, start: Mark, end: Mark) throws(YAMLError) {
    collectComments(upTo: start.offset)
    let name = cString(event.anchor) ?? ""
    guard let target = anchors[name] else {
      throw YAMLError(
        .unknownAlias, "alias '*\(name)' refers to no anchor defined before it", at: start,
        hint: "define '&\(name)' on a complete node earlier in the document")
    }
    aliasExpanded += target.size
    if aliasExpanded > limits.maxAliasExpansion {
      throw YAMLError(
        .aliasBudget,
        "aliases expand to more than \(limits.maxAliasExpansion) nodes (alias bomb?)",
        at: start, hint: "write the values out, or reference smaller anchors")
    }
    var node = target.node
    node.start = start
    node.end = end
    node.comments = YAMLComments(before: takePending())
    try add(consume node, size: target.size)
    lastEnd = end.offset
    lastEndTrailable = true
  }

  private mutating func startCollection(_ event: YAMLEvent, start: Mark, end: Mark)
    throws(YAMLError)
  {
    let flow = event.flow
    collectComments(upTo: start.offset)
    if stack.count >= limits.maxDepth {
      throw YAMLError(
        .depthLimit, "nesting is deeper than \(limits.maxDepth) levels", at: start,
        hint: "flatten the document; recipes need only a few levels")
    }
    // Comments before a block collection belong to its first entry, so leave them pending.
    let comments = flow ? YAMLComments(before: takePending()) : YAMLComments()
    stack.append(
      Frame(
        isMapping: event.kind == .mappingStart, start: start, style: flow ? .flow : .block,
        tag: normalizeTag(cString(event.tag)), anchor: cString(event.anchor), comments: comments))
    lastEnd = end.offset
    lastEndTrailable = false
  }

  private mutating func endCollection(start: Mark, end: Mark) throws(YAMLError) {
    // Comments before the end belong inside the collection (a trailing comment on its last
    // entry); for block collections the end mark sits at the next token.
    collectComments(upTo: max(start.offset, lastEnd))
    let frame = stack.removeLast()
    let kind: YAMLNode.Kind =
      frame.isMapping ? .mapping(frame.pairs, frame.style) : .sequence(frame.items, frame.style)
    let nodeEnd = frame.style == .flow ? end : lastEndMark(fallback: start)
    let node = YAMLNode(
      kind, start: frame.start, end: nodeEnd, tag: frame.tag, comments: frame.comments)
    if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
    try add(consume node, size: frame.size)
    if frame.style == .flow {
      lastEnd = end.offset
      lastEndTrailable = true
    }
  }

  /// The end of the node completed last (`lastEndMark`).
  var lastCompletedEnd = Mark.none

  // libyaml counts `index` in characters (after a BOM); nodes need byte offsets.
  var cursorChar = 0
  var cursorByte = -1
}
