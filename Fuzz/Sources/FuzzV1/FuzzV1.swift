import Schema

/// RecipeV1.decode on arbitrary bytes; a decoded recipe must encode without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let (recipe, diagnostics) = RecipeV1.decode(bytes: bytes, file: "fuzz.yaml")
  for d in diagnostics { _ = d.description }
  if let recipe { _ = YAMLEmitter.emit(recipe.encode()) }
  return 0
}
