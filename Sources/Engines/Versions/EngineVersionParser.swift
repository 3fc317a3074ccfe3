import Schema

/// Byte-level PEP 440 version parser used by ``EngineVersion``, which also reads llama.cpp
/// build numbers (`b8094`: `b` and at least one digit, nothing else).
///
/// Works on UTF-8 bytes; every failure returns nil (the caller decides how to report).
struct EngineVersionParser {
  /// The pieces of a parsed version.
  struct Parts {
    var release: [Int] = []
    var pre: EngineVersion.PreRelease?
    var post: Int?
    var dev: Int?
    var local: String?
    /// True for a build number `bNNNN`.
    var isBuild = false
  }

  private let bytes: [UInt8]
  private var index = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses the whole input; nil unless every byte is consumed.
  mutating func parse() -> Parts? {
    var parts = Parts()
    if peek() == UInt8(ascii: "b") {
      index += 1
      guard let build = number(), index == bytes.count else { return nil }
      parts.release = [build]
      parts.isBuild = true
      return parts
    }
    if peekLower() == UInt8(ascii: "v") { index += 1 }
    guard let first = number() else { return nil }
    parts.release.append(first)
    while peek() == UInt8(ascii: "."), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
      index += 1
      guard let next = number() else { return nil }
      parts.release.append(next)
    }
    // Pre-release.
    let beforePre = index
    skipSeparator()
    if let kind = preKind() {
      let n = suffixNumber()
      parts.pre = EngineVersion.PreRelease(kind: kind, number: n)
    } else {
      index = beforePre
    }
    // Post-release.
    let beforePost = index
    skipSeparator()
    if word("post") || word("rev") || word("r") {
      parts.post = suffixNumber()
    } else {
      index = beforePost
    }
    // Dev-release.
    let beforeDev = index
    skipSeparator()
    if word("dev") {
      parts.dev = suffixNumber()
    } else {
      index = beforeDev
    }
    // Local label.
    if peek() == UInt8(ascii: "+") {
      index += 1
      let start = index
      while index < bytes.count, isLocalByte(bytes[index]) { index += 1 }
      guard index > start else { return nil }
      parts.local = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
    }
    return index == bytes.count ? parts : nil
  }

  // MARK: - Lexing helpers

  private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

  private func peekLower() -> UInt8? {
    guard let b = peek() else { return nil }
    return ASCII.lower(b)
  }

  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  private func isLocalByte(_ b: UInt8) -> Bool {
    isDigit(b) || (ASCII.lower(b) >= UInt8(ascii: "a") && ASCII.lower(b) <= UInt8(ascii: "z"))
      || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
  }

  /// A decimal number of at most 18 digits.
  private mutating func number() -> Int? {
    let start = index
    var value = 0
    while index < bytes.count, isDigit(bytes[index]) {
      guard index - start < 18 else { return nil }
      value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
      index += 1
    }
    return index > start ? value : nil
  }

  private mutating func skipSeparator() {
    if let b = peek(), b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") {
      index += 1
    }
  }

  /// Consumes `text` case-insensitively if it is next and not followed by a letter.
  /// (`text` is a literal: its bytes are read in place, nothing is allocated.)
  private mutating func word(_ text: StaticString) -> Bool {
    let matched = text.withUTF8Buffer { w -> Bool in
      guard index + w.count <= bytes.count else { return false }
      for (offset, b) in w.enumerated() where ASCII.lower(bytes[index + offset]) != b {
        return false
      }
      let end = index + w.count
      if end < bytes.count {
        let next = ASCII.lower(bytes[end])
        if next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z") { return false }
      }
      return true
    }
    if matched { index += text.utf8CodeUnitCount }
    return matched
  }

  private mutating func preKind() -> EngineVersion.PreRelease.Kind? {
    // Longest spellings first.
    if word("preview") || word("pre") || word("rc") || word("c") { return .releaseCandidate }
    if word("alpha") || word("a") { return .alpha }
    if word("beta") || word("b") { return .beta }
    return nil
  }

  /// The optional number after a suffix word, with an optional separator.
  private mutating func suffixNumber() -> Int {
    let before = index
    skipSeparator()
    if let n = number() { return n }
    index = before
    return 0
  }
}
