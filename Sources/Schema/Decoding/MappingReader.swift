/// Reads typed values out of one YAML mapping, reporting located problems to a
/// `DecodeContext`, and remembering which keys were read so that `finish()` can report the
/// unknown ones with a did-you-mean hint.
///
/// Getters return nil (after reporting) when a value is absent or has the wrong type, so that
/// decoding goes on and every problem of a document is found in one pass.
package final class MappingReader {
  package let node: YAMLNode
  package let path: KeyPath
  package let context: DecodeContext
  /// Per entry of `pairs`: the key's `KeyFingerprint` (0 for a non-scalar key), with
  /// `KeyFingerprint.freeBit` set once the entry was read. Owned; a pointer, so that marking an
  /// entry needs no exclusivity check on the reader.
  private let slots: UnsafeMutableBufferPointer<UInt64>
  /// Keys asked for but absent: with the keys read, the did-you-mean candidates when none
  /// are given.
  /// Unchecked: the reader is confined to one decode, and each access is a single call
  /// (dynamic exclusivity checks cost ≈1 % of a cold index).
  @exclusivity(unchecked) private var askedAbsent: [String] = []
  private let pairs: [YAMLPair]

  /// A reader over `node`, or nil (with a type error reported) when it is not a mapping.
  /// A null node (an empty section such as `env:`) reads as an empty mapping.
  package init?(_ node: YAMLNode, path: KeyPath, context: DecodeContext) {
    guard let pairs = Self.entries(node, path: path, context: context) else { return nil }
    self.node = node
    self.path = path
    self.context = context
    self.pairs = pairs
    self.slots = .allocate(capacity: pairs.count)
    for i in pairs.indices {
      let key = pairs[i].key.scalar
      (slots.baseAddress! + i).initialize(to: key.map(KeyFingerprint.of) ?? 0)
    }
  }

  /// The entries of a mapping node (none for null, as for an empty `env:`), or nil after
  /// reporting a type error: for decoders that take every entry as it comes, without a
  /// reader's lookups.
  package static func entries(
    _ node: YAMLNode, path: @autoclosure () -> KeyPath, context: DecodeContext
  ) -> [YAMLPair]? {
    if let pairs = node.mapping { return pairs }
    if node.isNull { return [] }
    let path = path()
    context.error(
      "type-mismatch", "expected a mapping, found \(describe(node))", at: node, path: path,
      hint: path.isEmpty ? "a recipe is a YAML mapping of keys to values" : nil)
    return nil
  }

  deinit { slots.deallocate() }

  private func isRead(_ i: Int) -> Bool { slots[i] & KeyFingerprint.freeBit != 0 }

  /// The index of the entry with this key, if any.
  private func index(of key: String) -> Int? {
    let wanted = KeyFingerprint.of(key)
    for i in slots.indices where slots[i] & ~KeyFingerprint.freeBit == wanted {
      if KeyFingerprint.holdsWholeKey(wanted) || pairs[i].key.scalar == key { return i }
    }
    return nil
  }

  /// The keys in the order they appear.
  package var keys: [String] { pairs.compactMap { $0.key.scalar } }

  /// Whether the mapping has the key (without marking it read).
  package func has(_ key: String) -> Bool { index(of: key) != nil }

  /// The raw value node of a key, marking it read.
  package func node(_ key: String) -> YAMLNode? {
    if let i = index(of: key) {
      slots[i] |= KeyFingerprint.freeBit
      return pairs[i].value
    }
    if askedAbsent.isEmpty { askedAbsent.reserveCapacity(8) }
    askedAbsent.append(key)
    return nil
  }

  /// The key node itself (for locations of key-level problems).
  package func keyNode(_ key: String) -> YAMLNode? {
    index(of: key).map { pairs[$0].key }
  }

  /// Marks keys as read without reading them.
  package func consume(_ keys: String...) { for k in keys { _ = node(k) } }

  /// Marks these keys as read without reading them.
  package func consume(contentsOf keys: [String]) { for k in keys { _ = node(k) } }

  private func missing(_ key: String, required: Bool, hint: String?) {
    guard required else { return }
    context.error(
      "missing-key", "missing required key '\(key)'\(path.isEmpty ? "" : " in \(path)")", at: node,
      path: path / key, hint: hint)
  }

  // MARK: - Scalars

  /// A string; any scalar is accepted by its text (`0.8.1`, `8000`), a non-scalar is an error.
  package func string(_ key: String, required: Bool = false, hint: String? = nil) -> String? {
    guard let v = node(key) else {
      missing(key, required: required, hint: hint)
      return nil
    }
    return Self.string(v, path: path / key, context: context)
  }

  /// A non-negative or any integer; a quoted number (`"4"`) is accepted as upstream tools do.
  package func int(_ key: String, required: Bool = false, min: Int? = nil) -> Int? {
    guard let v = node(key) else {
      missing(key, required: required, hint: nil)
      return nil
    }
    return Self.int(v, path: path / key, context: context, min: min)
  }

  /// A number (integer or float); a quoted number is accepted.
  package func double(_ key: String, required: Bool = false) -> Double? {
    guard let v = node(key) else {
      missing(key, required: required, hint: nil)
      return nil
    }
    return Self.double(v, path: path / key, context: context)
  }

  /// A boolean (`true`/`false`; quoted `"true"` is accepted).
  package func bool(_ key: String, required: Bool = false) -> Bool? {
    guard let v = node(key) else {
      missing(key, required: required, hint: nil)
      return nil
    }
    return Self.bool(v, path: path / key, context: context)
  }

  /// One of a closed set of values; an unknown value is an error listing the allowed ones.
  package func oneOf(
    _ key: String, _ allowed: [String], required: Bool = false, caseInsensitive: Bool = true
  ) -> String? {
    guard let v = node(key) else {
      missing(key, required: required, hint: "one of: \(allowed.joined(separator: ", "))")
      return nil
    }
    return Self.oneOf(
      v, allowed, path: path / key, context: context, caseInsensitive: caseInsensitive)
  }

  /// A nested mapping reader.
  package func mapping(_ key: String, required: Bool = false) -> MappingReader? {
    guard let v = node(key) else {
      missing(key, required: required, hint: nil)
      return nil
    }
    return MappingReader(v, path: path / key, context: context)
  }

  /// A mapping of strings to scalars written as strings (an `env` block); non-scalar values
  /// are errors. Values keep their text (`1` and `"1"` both give "1").
  package func stringMap(_ key: String) -> [(key: String, value: String)]? {
    guard let v = node(key) else { return nil }
    return Self.stringMap(v, path: path / key, context: context)
  }

  /// A list of strings (a scalar alone is an error).
  package func stringList(_ key: String) -> [String]? {
    guard let v = node(key) else { return nil }
    guard let items = v.sequence else {
      if v.isNull { return [] }
      context.error(
        "type-mismatch", "expected a list, found \(Self.describe(v))", at: v, path: path / key)
      return nil
    }
    var out: [String] = []
    for (i, item) in items.enumerated() {
      if let s = Self.string(item, path: (path / key).appending(index: i), context: context) {
        out.append(s)
      }
    }
    return out
  }

  /// Reports every key that was not read: an error or warning (the context decides) with a
  /// did-you-mean hint drawn from `known` (or from the keys asked for, present or not). `known` is evaluated only
  /// when a key was not read.
  package func finish(
    known: @autoclosure () -> [String]? = nil, severity: Diagnostic.Severity? = nil
  ) {
    guard slots.indices.contains(where: { !isRead($0) }) else { return }
    let known = known()
    var candidates = known ?? []
    if known == nil {
      for (i, pair) in pairs.enumerated() where isRead(i) {
        if let k = pair.key.scalar, !candidates.contains(k) { candidates.append(k) }
      }
      for k in askedAbsent where !candidates.contains(k) { candidates.append(k) }
    }
    for (i, pair) in pairs.enumerated() {
      guard let k = pair.key.scalar, !isRead(i) else { continue }
      let hint =
        DidYouMean.hint(for: k, in: candidates)
        ?? "known keys here: \(candidates.sorted().joined(separator: ", "))"
      context.report(
        severity ?? context.unknownKeySeverity, code: "unknown-key",
        "unknown key '\(k)'\(path.isEmpty ? "" : " in \(path)")", at: pair.key, path: path / k,
        hint: hint)
    }
  }

  /// Keys present but not read so far, in order.
  package var unreadKeys: [String] {
    pairs.indices.compactMap { isRead($0) ? nil : pairs[$0].key.scalar }
  }

  // MARK: - Node-level conversions (shared with list items)
  //
  // Paths are autoclosures: they are built only when a problem is reported.

  package static func describe(_ node: YAMLNode) -> String {
    switch node.kind {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let text, _):
      let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
      return "\(node.resolved?.typeName ?? "scalar") '\(shown)'"
    }
  }

  package static func string(
    _ v: YAMLNode, path: @autoclosure () -> KeyPath, context: DecodeContext
  ) -> String? {
    guard let text = v.scalar else {
      context.error("type-mismatch", "expected a string, found \(describe(v))", at: v, path: path())
      return nil
    }
    if v.isNull { return nil }
    return text
  }

  package static func int(
    _ v: YAMLNode, path: @autoclosure () -> KeyPath, context: DecodeContext, min: Int? = nil
  ) -> Int? {
    var value: Int?
    switch v.resolved {
    case .int(let i)?:
      value = i
    case .string(let s)?:
      value = Int(s.trimmingSpaces)
    case .float?
    where v.scalar?.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 43 }) == true:
      // An integer literal beyond 64 bits resolves as a float.
      context.error(
        "out-of-range", "integer \(v.scalar ?? "") is out of range", at: v, path: path(),
        hint: "use a value below 2^63")
      return nil
    default:
      break
    }
    guard let value else {
      context.error(
        "type-mismatch", "expected an integer, found \(describe(v))", at: v, path: path())
      return nil
    }
    if let min, value < min {
      context.error(
        "out-of-range", "expected an integer of at least \(min), found \(value)", at: v,
        path: path())
      return nil
    }
    return value
  }

  package static func double(
    _ v: YAMLNode, path: @autoclosure () -> KeyPath, context: DecodeContext
  ) -> Double? {
    switch v.resolved {
    case .int(let i)?: return Double(i)
    case .float(let d)?: return d
    case .string(let s)?:
      if let d = Double(s.trimmingSpaces) { return d }
      if s == "inf" || s == "infinity" { return .infinity }
    default: break
    }
    context.error("type-mismatch", "expected a number, found \(describe(v))", at: v, path: path())
    return nil
  }

  package static func bool(_ v: YAMLNode, path: @autoclosure () -> KeyPath, context: DecodeContext)
    -> Bool?
  {
    switch v.resolved {
    case .bool(let b)?: return b
    case .string(let s)?:
      switch s.lowercased() {
      case "true": return true
      case "false": return false
      case "yes", "on", "no", "off":
        context.error(
          "type-mismatch", "expected a boolean, found string '\(s)'", at: v, path: path(),
          hint: "YAML 1.2 reads '\(s)' as a string; write true or false")
        return nil
      default: break
      }
    default: break
    }
    context.error(
      "type-mismatch", "expected a boolean, found \(describe(v))", at: v, path: path(),
      hint: "write true or false")
    return nil
  }

  package static func oneOf(
    _ v: YAMLNode, _ allowed: [String], path: @autoclosure () -> KeyPath, context: DecodeContext,
    caseInsensitive: Bool = true
  ) -> String? {
    guard let text = string(v, path: path(), context: context) else { return nil }
    if caseInsensitive, let match = asciiMatch(text, in: allowed) { return match }
    let wanted = caseInsensitive ? text.lowercased() : text
    if let match = allowed.first(where: { (caseInsensitive ? $0.lowercased() : $0) == wanted }) {
      return match
    }
    var hint = "allowed values: \(allowed.joined(separator: ", "))"
    if let near = DidYouMean.closest(to: text, in: allowed) {
      hint = "did you mean '\(near)'? " + hint
    }
    context.error(
      "invalid-value", "'\(text)' is not an allowed value for \(path().lastKey ?? "this key")",
      at: v, path: path(), hint: hint)
    return nil
  }

  /// The first of `allowed` equal to `text` ignoring ASCII case, when both are ASCII (where
  /// that is what comparing `lowercased()` spellings decides); nil otherwise, and then the
  /// caller compares the lowercased spellings.
  static func asciiMatch(_ text: String, in allowed: [String]) -> String? {
    guard ASCII.isASCII(text) else { return nil }
    for a in allowed {
      guard ASCII.isASCII(a) else { return nil }
      if ASCII.equal(a, lowering: true, text, lowering: true) { return a }
    }
    return nil
  }

  package static func stringMap(_ v: YAMLNode, path: KeyPath, context: DecodeContext)
    -> [(key: String, value: String)]?
  {
    guard let pairs = entries(v, path: path, context: context) else { return nil }
    var out: [(key: String, value: String)] = []
    out.reserveCapacity(pairs.count)
    for pair in pairs {
      guard let k = pair.key.scalar else { continue }
      guard let value = pair.value.scalar else {
        context.error(
          "type-mismatch", "expected a string value for '\(k)', found \(describe(pair.value))",
          at: pair.value, path: path / k, hint: "quote the value: \(k): \"...\"")
        continue
      }
      out.append((k, pair.value.isNull && pair.value.scalar?.isEmpty != false ? "" : value))
    }
    return out
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs (no Foundation).
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
