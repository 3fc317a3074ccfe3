import Schema

/// RecipeV2.decode on every document that parses; a recipe that decodes without errors must
/// encode, and the encoded text must decode again to an equal recipe.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let doc = try? YAML.parse(bytes) else { return 0 }
  let (recipe, diagnostics) = RecipeV2.decode(doc, file: "fuzz.yaml")
  for d in diagnostics { _ = d.description }
  guard let recipe, !diagnostics.hasErrors else { return 0 }
  let text = YAMLEmitter.emit(recipe.encode())
  guard let again = try? YAML.parse(text) else {
    fatalError("encoded v2 recipe does not parse\n\(text)")
  }
  let (back, backDiagnostics) = RecipeV2.decode(again, file: "encoded.yaml")
  guard let back, !backDiagnostics.hasErrors else {
    fatalError("encoded v2 recipe does not decode: \(backDiagnostics)\n\(text)")
  }
  _ = back
  return 0
}
