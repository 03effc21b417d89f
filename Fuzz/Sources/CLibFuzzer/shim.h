#ifndef COACH_CLIBFUZZER_SHIM_H
#define COACH_CLIBFUZZER_SHIM_H
// libFuzzer's driver, which a program with its own main calls (libFuzzer has no header for it).
// The symbol comes from the fuzzer runtime that -sanitize=fuzzer links.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
