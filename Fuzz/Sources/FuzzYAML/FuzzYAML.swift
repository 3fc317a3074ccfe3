import Schema

/// YAML.parseStream on arbitrary bytes. The layer's subset scanner must give what libyaml
/// gives: the same error, or identical trees. For every stream that parses, emit it and parse
/// the emitted text again: it must parse, to the same number of documents and equal trees.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  checkSubsetScanner(bytes)
  let limits = YAMLLimits(maxDocumentBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 10_000)
  guard let documents = try? YAML.parseStream(bytes, limits: limits) else { return 0 }
  for doc in documents { _ = doc.root.jsonText }
  guard !documents.isEmpty else { return 0 }
  let text = YAMLEmitter.emitStream(documents)
  let again: [YAMLDocument]
  do {
    again = try YAML.parseStream(Array(text.utf8), limits: YAMLLimits(maxDocumentBytes: 64 << 20, maxDepth: 64, maxAliasExpansion: 10_000_000))
  } catch {
    fatalError("emitted YAML does not parse: \(error)\n--- input\n\(String(decoding: bytes, as: UTF8.self))\n--- emitted\n\(text)")
  }
  precondition(again.count == documents.count, "document count changed: \(documents.count) -> \(again.count)\n\(text)")
  for (a, b) in zip(documents, again) where a.root != b.root {
    fatalError("emit/parse round trip changed the tree\n--- emitted\n\(text)")
  }
  return 0
}

/// Both event sources, with and without comments: the same error or identical documents.
func checkSubsetScanner(_ bytes: [UInt8]) {
  for comments in [true, false] {
    let fast = Result { () throws(YAMLError) in try YAML.parseStream(bytes, comments: comments) }
    let slow = Result { () throws(YAMLError) in try YAML.parseStreamWithLibYAML(bytes, comments: comments) }
    switch (fast, slow) {
    case (.success(let a), .success(let b)):
      precondition(a.count == b.count, "subset scanner: \(a.count) documents, libyaml \(b.count)")
      for (x, y) in zip(a, b) {
        precondition(
          x.explicitStart == y.explicitStart && x.trailingComments == y.trailingComments && x.root.isIdentical(to: y.root),
          "subset scanner and libyaml give different trees")
      }
    case (.failure(let a), .failure(let b)):
      precondition(a == b, "subset scanner and libyaml fail differently: \(a) vs \(b)")
    default:
      preconditionFailure("subset scanner and libyaml disagree: \(fast) vs \(slow)")
    }
  }
}
