import Schema

/// YAML.parseStream on arbitrary bytes. The layer's subset scanner must give what libyaml
/// gives: the same error, or identical trees. For every stream that parses, emit it and parse
/// the emitted text again: it must parse, to the same number of documents and equal trees.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let problem = YAML.eventSourceDisagreement(bytes) { fatalError("subset scanner against libyaml: \(problem)") }
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
