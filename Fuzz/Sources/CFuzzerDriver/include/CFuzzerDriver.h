#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver entry point (compiler-rt FuzzerInterface.h). SwiftPM renames an
// executable's `main` to `<Module>_main`, so each fuzz target defines that symbol and calls
// the driver itself instead of relying on libFuzzer's own `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
