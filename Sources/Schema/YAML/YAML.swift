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
