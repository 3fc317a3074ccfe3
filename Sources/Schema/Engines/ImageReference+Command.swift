extension ImageReference {
  /// An image reference read out of a field meant to hold one (``read(_:)``).
  public struct Found: Sendable, Hashable {
    /// The reference (`vllm/vllm-openai-rocm:nightly`).
    public var reference: String
    /// The command it was read out of (`docker pull vllm/vllm-openai-rocm:nightly`); nil when
    /// the field held the reference itself.
    public var command: String?

    /// `reference`, read out of `command` if given.
    public init(reference: String, command: String?) {
      self.reference = reference
      self.command = command
    }
  }

  /// The programs whose pull command names an image.
  static let pullPrograms: Set<String> = ["docker", "podman", "nerdctl"]
  /// Options of `docker pull` that take no value.
  static let pullSwitches: Set<String> = [
    "-a", "--all-tags", "-q", "--quiet", "--disable-content-trust",
  ]

  /// The image a value names: the value itself when it is a well-formed reference
  /// (``isWellFormed(_:)``), or the image of a pull command
  /// (`docker pull vllm/vllm-openai-rocm:nightly`, also `sudo`, `podman`/`nerdctl`,
  /// `docker image pull` and `--platform P`). Surrounding blanks are ignored.
  ///
  /// - Returns: nil when the value is neither (another command, free text): the caller warns.
  public static func read(_ value: String) -> Found? {
    let text = value.trimmingBlanks()
    if isWellFormed(text) { return Found(reference: text, command: nil) }
    var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    if words.first == "sudo" { words.removeFirst() }
    guard let program = words.first, pullPrograms.contains(program) else { return nil }
    words.removeFirst()
    if words.first == "image" { words.removeFirst() }
    guard words.first == "pull" else { return nil }
    words.removeFirst()
    var operands: [String] = []
    var i = 0
    while i < words.count {
      let w = words[i]
      if w == "--platform" {
        i += 2
        continue
      }
      if w.hasPrefix("--platform=") || pullSwitches.contains(w) {
        i += 1
        continue
      }
      if w.hasPrefix("-") { return nil }  // an option this reading does not know
      operands.append(w)
      i += 1
    }
    guard operands.count == 1, isWellFormed(operands[0]) else { return nil }
    return Found(reference: operands[0], command: text)
  }

  /// Whether `text` is a container image reference by the distribution grammar:
  /// `[host[:port]/]path[:tag][@algorithm:hex]`, path components of lower-case letters and
  /// digits joined by `.`, `_`, `__` or `-`, a tag of at most 128 word characters, `.` and
  /// `-` not starting with `.` or `-`.
  public static func isWellFormed(_ text: String) -> Bool {
    guard !text.isEmpty, !text.contains(where: { $0.isWhitespace }), text.last != ":" else {
      return false
    }
    let parts = ImageReference(text)
    if let d = parts.digest {
      let pieces = d.split(separator: ":", maxSplits: 1)
      guard pieces.count == 2, !pieces[0].isEmpty,
        pieces[1].count >= 32, pieces[1].allSatisfy(\.isHexDigit)
      else { return false }
    }
    if let tag = parts.tag {
      guard tag.count <= 128, let first = tag.first, first.isASCII,
        first.isLetter || first.isNumber || first == "_",
        tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
      else { return false }
    }
    var components = parts.repository.split(separator: "/", omittingEmptySubsequences: false)
    guard let head = components.first, !head.isEmpty else { return false }
    if components.count > 1, head.contains(".") || head.contains(":") || head == "localhost" {
      guard isHost(head) else { return false }
      components.removeFirst()
    }
    return components.allSatisfy(isPathComponent)
  }

  /// `registry.example.com`, `host:5000`: letters, digits, `-` and `.`, an optional port.
  private static func isHost(_ s: Substring) -> Bool {
    let pieces = s.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    if pieces.count == 2, pieces[1].isEmpty || !pieces[1].allSatisfy(\.isNumber) { return false }
    let name = pieces[0]
    return !name.isEmpty
      && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
  }

  /// `vllm-openai`, `my_repo`, `a.b`: lower-case letters and digits, single separators.
  private static func isPathComponent(_ s: Substring) -> Bool {
    guard let first = s.first, let last = s.last, isLowerAlnum(first), isLowerAlnum(last) else {
      return false
    }
    var previous: Character = first
    var underscores = 0
    for c in s {
      if isLowerAlnum(c) {
        underscores = 0
      } else if c == "_" {
        underscores += 1
        if underscores > 2 || (previous != "_" && !isLowerAlnum(previous)) { return false }
      } else if c == "." || c == "-" {
        if c == "." && !isLowerAlnum(previous) { return false }
        if c == "-" && !(isLowerAlnum(previous) || previous == "-") { return false }
        underscores = 0
      } else {
        return false
      }
      previous = c
    }
    return true
  }

  private static func isLowerAlnum(_ c: Character) -> Bool {
    c.isASCII && (c.isNumber || (c.isLetter && c.isLowercase))
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and newlines.
  fileprivate func trimmingBlanks() -> String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !blank($0) }),
      let end = lastIndex(where: { !blank($0) })
    else { return "" }
    return String(self[start...end])
  }
}
