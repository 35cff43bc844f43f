#ifndef FC_SHA256_H
#define FC_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants of FIPS 180-4, for this code and the Swift code alike.
extern const uint32_t fc_sha256_round_constants[64];

/// Whether this processor has the SHA extensions (x86-64 SHA-NI with SSE4.1).
int fc_sha256_accelerated(void);

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks at `data`, updating the eight
/// state words `state` (A to H). Call only when fc_sha256_accelerated() is 1.
void fc_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
