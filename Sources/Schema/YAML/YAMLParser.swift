internal import CLibYAML

/// Entry points of the YAML document layer.
public enum YAML {
  /// Parses a source that must hold exactly one document.
  ///
  /// - Throws: `YAMLError` located at the problem: syntax, duplicate key (with the first
  ///   occurrence as `related`), alias budget, depth or size limit, several documents,
  ///   invalid UTF-8, tab indentation, or an empty source.
  public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .default) throws(YAMLError)
    -> YAMLDocument
  {
    let docs = try run(bytes, limits: limits, single: true, comments: true)
    guard let doc = docs.first else {
      throw YAMLError(
        .emptyDocument, "the file holds no YAML document", at: Mark(line: 1, column: 1, offset: 0),
        hint: "a recipe is a YAML mapping; start with 'name: ...'")
    }
    return doc
  }

  /// Parses a source that must hold exactly one document.
  public static func parse(_ text: String, limits: YAMLLimits = .default) throws(YAMLError)
    -> YAMLDocument
  {
    try parse(Array(text.utf8), limits: limits)
  }

  /// Parses every document of a stream (`---` separated); an empty source gives none.
  ///
  /// With `comments: false` the trees are the same but carry no comments (for readers that
  /// only decode, such as the index).
  public static func parseStream(
    _ bytes: [UInt8], limits: YAMLLimits = .default, comments: Bool = true
  ) throws(YAMLError) -> [YAMLDocument] {
    try run(bytes, limits: limits, single: false, comments: comments)
  }

  /// `parseStream` where a key written twice in one mapping is no error: the last value wins
  /// in the first one's place, as PyYAML reads it, and each repeat is listed in
  /// `YAMLDocument.repeatedKeys` (for formats whose own tools read with PyYAML).
  public static func parseStream(
    _ bytes: [UInt8], limits: YAMLLimits = .default, comments: Bool = true, repeatedKeys: Bool
  ) throws(YAMLError) -> [YAMLDocument] {
    try run(bytes, limits: limits, single: false, comments: comments, repeatedKeys: repeatedKeys)
  }

  /// `parseStream` with every event from libyaml (no `YAMLSubsetScanner`): for tests that
  /// check both give the same trees and errors, and for the yaml benchmark (Benchmarks/),
  /// whose budget is the layer's cost over libyaml.
  public static func parseStreamWithLibYAML(_ bytes: [UInt8], comments: Bool) throws(YAMLError)
    -> [YAMLDocument]
  {
    try run(bytes, limits: .default, single: false, comments: comments, subset: false)
  }

  private static func run(
    _ bytes: [UInt8], limits: YAMLLimits, single: Bool, comments: Bool, subset: Bool = true,
    repeatedKeys: Bool = false
  ) throws(YAMLError) -> [YAMLDocument] {
    // libyaml reads the array's own storage (no copy); it needs an address even when empty.
    let storage = bytes.isEmpty ? [0] : bytes
    let result = storage.withUnsafeBufferPointer { whole -> Result<[YAMLDocument], YAMLError> in
      let buffer = UnsafeBufferPointer(rebasing: whole[0..<bytes.count])
      var parser = YAMLParser(bytes: buffer, limits: limits, comments: comments)
      parser.allowRepeatedKeys = repeatedKeys
      do throws(YAMLError) {
        var docs = try parser.parse(single: single, subset: subset)
        if YAMLMergeKeys.mayHold(buffer) {
          for i in docs.indices { docs[i].mergeKeys = try YAMLMergeKeys.resolve(&docs[i]) }
        }
        return .success(docs)
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

/// Builds node trees, with marks, styles and (optionally) comments, from the event stream of
/// libyaml over a byte buffer that the caller keeps alive. A value type used as a local, so
/// that its state needs no dynamic exclusivity checks.
struct YAMLParser {
  private let buffer: UnsafeBufferPointer<UInt8>
  private let count: Int
  private let limits: YAMLLimits
  private let keepComments: Bool
  private let bomLength: Int
  private let isASCII: Bool

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

  private struct Frame {
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
  private var repeated: [YAMLRepeatedKey] = []

  private var stack: [Frame] = []
  private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
  private var aliasExpanded = 0
  private var pendingComments: [String] = []
  private var lastEnd = 0
  private var lastEndTrailable = false
  private var root: YAMLNode?
  private var rootSize = 0

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
    case .scalar:
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
    case .alias:
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
    case .mappingStart, .sequenceStart:
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
    case .mappingEnd, .sequenceEnd:
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
    return false
  }

  // MARK: - Tree building

  private var lastCompletedEnd = Mark.none

  private func lastEndMark(fallback: Mark) -> Mark {
    lastCompletedEnd.isKnown ? lastCompletedEnd : fallback
  }

  private mutating func add(_ node: consuming YAMLNode, size: Int) throws(YAMLError) {
    lastCompletedEnd = node.end
    guard !stack.isEmpty else {
      root = consume node
      rootSize = size
      return
    }
    // One access to the open collection for the whole update.
    if let r = try Self.add(
      consume node, size: size, to: &stack[stack.count - 1], allowRepeats: allowRepeatedKeys)
    {
      repeated.append(r)
    }
  }

  /// - Returns: the repeat, when the node is a key written before and repeats are allowed.
  private static func add(
    _ node: consuming YAMLNode, size: Int, to frame: inout Frame, allowRepeats: Bool
  ) throws(YAMLError) -> YAMLRepeatedKey? {
    frame.size += size
    if !frame.isMapping {
      // Room for a few items at once: growing 1, 2, 4… costs an allocation each time.
      if frame.items.isEmpty { frame.items.reserveCapacity(4) }
      frame.items.append(consume node)
      return nil
    }
    guard let key = frame.pendingKey.take() else {
      guard case .scalar(let text, _) = node.kind else {
        throw YAMLError(
          .nonScalarKey, "a mapping key must be a plain value, not a \(node.typeName)",
          at: node.start, hint: "quote the key or restructure the mapping")
      }
      var repeated: YAMLRepeatedKey?
      if let i = try checkDuplicate(node, text: text, in: &frame, allowRepeats: allowRepeats) {
        frame.replacing = i
        repeated = YAMLRepeatedKey(key: text, mark: node.start, first: frame.pairs[i].key.start)
      }
      frame.pendingKey = consume node
      return repeated
    }
    if let i = frame.replacing.take() {
      // PyYAML: the first entry's place, the last entry's value.
      frame.pairs[i].value = consume node
      return nil
    }
    if frame.pairs.isEmpty { frame.pairs.reserveCapacity(8) }
    frame.pairs.append(YAMLPair(key: key, value: consume node))
    return nil
  }

  /// - Returns: the index of the entry a repeated key repeats, when repeats are allowed.
  private static func checkDuplicate(
    _ key: YAMLNode, text: String, in frame: inout Frame, allowRepeats: Bool
  ) throws(YAMLError) -> Int? {
    func fail(_ first: YAMLNode) -> YAMLError {
      YAMLError(
        .duplicateKey, "duplicate key '\(text)' (first defined at \(first.start))", at: key.start,
        related: first.start, hint: "remove one of the two '\(text)' entries; YAML keeps only one")
    }
    if frame.keyIndex != nil {
      if let i = frame.keyIndex![text], frame.pairs[i].key == key {
        if allowRepeats { return i }
        throw fail(frame.pairs[i].key)
      }
      frame.keyIndex![text] = frame.pairs.count
      return nil
    }
    let length = text.utf8.count
    for i in frame.pairs.indices {
      // Comparing lengths first skips most string comparisons.
      guard case .scalar(let other, _) = frame.pairs[i].key.kind, other.utf8.count == length,
        other == text
      else { continue }
      if frame.pairs[i].key == key {
        if allowRepeats { return i }
        throw fail(frame.pairs[i].key)
      }
    }
    if frame.pairs.count >= 16 {
      var index: [String: Int] = [:]
      for (i, pair) in frame.pairs.enumerated() { index[pair.key.scalar ?? ""] = i }
      index[text] = frame.pairs.count
      frame.keyIndex = index
    }
    return nil
  }

  // MARK: - Comments

  private mutating func takePending() -> [String] {
    guard !pendingComments.isEmpty else { return [] }
    defer { pendingComments = [] }
    return pendingComments
  }

  /// Scans the bytes between the last event and `limit` for `#` comments: one on the line of a
  /// scalar or flow collection just completed trails that node; others wait for the next node.
  private mutating func collectComments(upTo limit: Int) {
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

  // MARK: - C helpers

  private mutating func mark(_ m: yaml_mark_t) -> Mark {
    Mark(
      line: Int(m.line) + 1, column: Int(m.column) + 1,
      offset: byteOffset(ofCharacter: Int(m.index)))
  }

  // libyaml counts `index` in characters (after a BOM); nodes need byte offsets.
  private var cursorChar = 0
  private var cursorByte = -1

  private mutating func byteOffset(ofCharacter index: Int) -> Int {
    if isASCII { return index + bomLength }
    if cursorByte < 0 || index < cursorChar {
      cursorChar = 0
      cursorByte = bomLength
    }
    while cursorChar < index, cursorByte < count {
      cursorByte += 1
      while cursorByte < count, buffer[cursorByte] & 0xC0 == 0x80 { cursorByte += 1 }
      cursorChar += 1
    }
    return cursorByte
  }

  private func cString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let p else { return nil }
    return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
  }

  private func normalizeTag(_ tag: String?) -> String? {
    guard let tag else { return nil }
    if tag.hasPrefix("!!") { return "tag:yaml.org,2002:" + tag.dropFirst(2) }
    return tag
  }

  private mutating func parserError(_ p: yaml_parser_t) -> YAMLError {
    let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
    let context = p.context.map { String(cString: $0) }
    let at = mark(p.problem_mark)
    let offset = at.offset
    if offset >= 0, offset < count, buffer[offset] == 0x09 {
      return YAMLError(
        .tabIndentation, "a tab character is used for indentation", at: at,
        hint: "YAML indents with spaces only; replace the tab with spaces")
    }
    if p.error == YAML_READER_ERROR {
      var badByte = Int(p.problem_offset)
      if problem.contains("trailing"), badByte > 0, badByte <= count {
        // Point at the sequence's leading byte, not at the continuation that broke it.
        badByte -= 1
        while badByte > 0, buffer[badByte] & 0xC0 == 0x80 { badByte -= 1 }
      }
      let readerAt = readerMark(offset: badByte)
      if problem.contains("UTF-8") || problem.contains("octet") {
        return YAMLError(
          .invalidUTF8, "invalid UTF-8 (\(problem))", at: readerAt,
          hint: "save the file as UTF-8")
      }
      return YAMLError(
        .syntax, problem, at: readerAt,
        hint: problem.contains("control") ? "remove control characters such as NUL bytes" : nil)
    }
    var message = problem
    if let context { message = "\(problem) \(context)" }
    var hint: String?
    if problem.contains("could not find expected ':'") {
      hint = "a mapping entry needs 'key: value'; check the indentation and a missing colon"
    } else if problem.contains("did not find expected") {
      hint = "check the indentation and that every quote and bracket is closed"
    } else if problem.contains("mapping values are not allowed") {
      hint = "quote a value that contains ': ', or fix the indentation"
    }
    return YAMLError(.syntax, message, at: at, hint: hint)
  }

  /// The encoding a UTF-16 or UTF-32 byte-order mark at the start names, if there is one.
  private static func otherEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return "UTF-32" }
    if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32" }
    if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
      return "UTF-16"
    }
    return nil
  }

  /// The line and column of a byte offset, for reader errors that carry only an offset.
  private func readerMark(offset: Int) -> Mark {
    var line = 1
    var column = 1
    var i = 0
    let limit = min(max(offset, 0), count)
    while i < limit {
      let c = buffer[i]
      if c == 0x0A {
        line += 1
        column = 1
      } else if c & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return Mark(line: line, column: column, offset: limit)
  }
}
