internal import CLibYAML

/// libyaml's marks, strings and errors as the layer's own.
extension YAMLParser {
  mutating func mark(_ m: yaml_mark_t) -> Mark {
    Mark(
      line: Int(m.line) + 1, column: Int(m.column) + 1,
      offset: byteOffset(ofCharacter: Int(m.index)))
  }

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

  func cString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let p else { return nil }
    return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
  }

  func normalizeTag(_ tag: String?) -> String? {
    guard let tag else { return nil }
    if tag.hasPrefix("!!") { return "tag:yaml.org,2002:" + tag.dropFirst(2) }
    return tag
  }

  mutating func parserError(_ p: yaml_parser_t) -> YAMLError {
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
  static func otherEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
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
