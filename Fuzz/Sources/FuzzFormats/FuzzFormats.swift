import Migrate
import Schema

/// RecipeReader.read with the first input byte choosing the declared format (or detection);
/// then the conversion to v2 and, when it succeeds, back to the source format (the converters
/// and the emitter on arbitrary recipes): never throws, never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let formats: [RecipeFormat?] = [nil] + RecipeFormat.allCases.map { Optional($0) }
  let declared = formats[Int(data[0]) % formats.count]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let read = RecipeReader.read(bytes, file: "fuzz.yaml", declared: declared)
  for d in read.diagnostics { _ = d.description }
  _ = read.summary
  guard read.format != .unknown, read.format != .v2 else { return 0 }
  let toV2 = ConvertFrontend.convert(bytes: bytes, file: "fuzz.yaml", from: read.format, to: .v2)
  for d in toV2.diagnostics { _ = d.description }
  guard toV2.succeeded else { return 0 }
  let back = ConvertFrontend.convert(bytes: Array(toV2.text.utf8), file: "fuzz.v2.yaml", from: .v2, to: read.format)
  for d in back.diagnostics { _ = d.description }
  return 0
}
