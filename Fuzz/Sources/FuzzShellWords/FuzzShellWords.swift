import Engines

/// ShellWords.split on arbitrary text: words or a typed error, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let words = try? ShellWords.split(text) {
    for word in words { _ = word.placeholders }
  }
  return 0
}
