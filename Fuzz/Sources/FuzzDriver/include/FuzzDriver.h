#ifndef FUNNEL_FUZZ_DRIVER_H
#define FUNNEL_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs that keep their own main (compiler-rt FuzzerInterface.h).
/// Provided by the fuzzer runtime that `-sanitize=fuzzer` links in.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
