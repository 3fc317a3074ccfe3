extension YAML {
  /// How parsing `bytes` through the subset scanner (where it applies) differs from parsing
  /// them through libyaml alone, with and without comments; nil when both give the same error
  /// or identical documents (`YAMLNode.isIdentical`). For the tests and the fuzzer.
  public static func eventSourceDisagreement(_ bytes: [UInt8]) -> String? {
    for comments in [true, false] {
      let fast = Result { () throws(YAMLError) in try parseStream(bytes, comments: comments) }
      let slow = Result { () throws(YAMLError) in
        try parseStreamWithLibYAML(bytes, comments: comments)
      }
      let problem: String?
      switch (fast, slow) {
      case (.success(let a), .success(let b)):
        if a.count != b.count {
          problem = "\(a.count) documents against libyaml's \(b.count)"
        } else if let i = a.indices.first(where: { a[$0].explicitStart != b[$0].explicitStart }) {
          problem = "document \(i + 1): explicit start differs"
        } else if let i = a.indices.first(where: {
          a[$0].trailingComments != b[$0].trailingComments
        }) {
          problem = "document \(i + 1): trailing comments differ"
        } else if let i = a.indices.first(where: { !a[$0].root.isIdentical(to: b[$0].root) }) {
          problem = "document \(i + 1): trees differ"
        } else {
          problem = nil
        }
      case (.failure(let a), .failure(let b)):
        problem = a == b ? nil : "errors differ: \(a) against libyaml's \(b)"
      default:
        problem = "one parse failed and the other did not: \(fast) against libyaml's \(slow)"
      }
      if let problem { return (comments ? "" : "without comments: ") + problem }
    }
    return nil
  }
}
