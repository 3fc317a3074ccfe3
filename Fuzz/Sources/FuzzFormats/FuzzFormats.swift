import Migrate
import Schema

/// RecipeReader.read with the first input byte choosing the declared format (or detection);
/// never throws, never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let formats: [RecipeFormat?] = [nil] + RecipeFormat.allCases.map { Optional($0) }
  let declared = formats[Int(data[0]) % formats.count]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let read = RecipeReader.read(bytes, file: "fuzz.yaml", declared: declared)
  for d in read.diagnostics { _ = d.description }
  _ = read.summary
  return 0
}
