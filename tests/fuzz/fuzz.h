/*
 * Shared by the libFuzzer targets (fuzz_<target>.c) and the replay driver
 * (replay.c), which runs the saved corpus in an ordinary build.
 *
 * A target returns 0 for every input. It calls abort() when an invariant
 * the library documents is broken, so libFuzzer and the replay tests both
 * report it as a crash.
 */
#ifndef SERVQ_FUZZ_H
#define SERVQ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FNV-1a, to derive parameters from the input and to compare outputs. */
static inline uint64_t fuzz_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= s[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

#define FUZZ_HASH_SEED UINT64_C(0xcbf29ce484222325)

/* Stops with a message naming the broken invariant. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/*
 * Known bugs: a condition that was reported and is not fixed yet. The
 * targets tolerate it, so fuzzing can get past it, except when built with
 * FUZZ_STRICT, as the replay tests of tests/fuzz/xfail/ are: they are
 * expected to fail until the fix lands, then the xfail case moves into the
 * corpus and the FUZZ_KNOWN_BUG() use goes away.
 */
#ifdef FUZZ_STRICT
#define FUZZ_KNOWN_BUG(cond) (0 && (cond))
#else
#define FUZZ_KNOWN_BUG(cond) (cond)
#endif

#endif
