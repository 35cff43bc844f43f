// libFuzzer's entry point for programs with their own main, from libclang_rt.fuzzer_no_main
// (linked by `make fuzz` only; nothing else calls it).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
