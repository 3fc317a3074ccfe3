#if canImport(Glibc)
  import Glibc
#endif
import CFuzzerDriver

// libFuzzer drives `fuzzOne` (see the other file of this target); SwiftPM owns `main`.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
  guard let data else { return 0 }
  return fuzzOne(data, size)
}
exit(status)
