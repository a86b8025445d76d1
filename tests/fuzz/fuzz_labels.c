/*
 * Fuzz target: the Likert label parser and text folding (lib/import/labels.c).
 *
 * The input is an answer text. It is looked up for every scale of 2 to 11
 * points, with the built-ins only and with user entries; folded into
 * buffers of exactly the size needed and one byte less; and added as a
 * user label, which a lookup of the same text must then find.
 */
#include <string.h>

#include "fuzz.h"
#include "import/labels-priv.h"

#define SENTINEL (-12345)

static const struct servq_labels *user_table(void)
{
    static struct servq_labels *t;
    static const char *const words[] = {"muy bueno", "Excelente (5)", "sin respuesta", "ok",
                                        "\xc3\x91o"};
    size_t i;

    if (!t) {
        t = servq_labels_new();
        FUZZ_CHECK(t != NULL);
        for (i = 0; i < sizeof words / sizeof words[0]; i++)
            FUZZ_CHECK(servq_labels_add(t, words[i], strlen(words[i]), (int)i % 3 * 5,
                                        i == 2 ? SERVQ_LABEL_MISSING : SERVQ_LABEL_VALUE,
                                        (int)i) == 0);
    }
    return t;
}

static void lookup_all(const struct servq_labels *t, const char *s, size_t n, int min)
{
    int points, value;
    enum servq_label_kind k, k2;

    for (points = 2; points <= 11; points++) {
        value = SENTINEL;
        k = servq_labels_lookup(t, s, n, points, min, &value);
        FUZZ_CHECK(k == SERVQ_LABEL_UNKNOWN || k == SERVQ_LABEL_VALUE || k == SERVQ_LABEL_MISSING);
        /* value is written only for a value */
        if (k != SERVQ_LABEL_VALUE)
            FUZZ_CHECK(value == SENTINEL);
        k2 = servq_labels_lookup(t, s, n, points, min, NULL);
        FUZZ_CHECK(k2 == k);
    }
}

static void fold(const char *s, size_t n)
{
    char *a = malloc(n + 1), *b;
    size_t r, r2;

    FUZZ_CHECK(a != NULL);
    /* The output is never longer than the input, so n + 1 bytes always do. */
    r = servq_text_fold(s, n, a, n + 1);
    FUZZ_CHECK(r != (size_t)-1 && r <= n && a[r] == '\0');
    /* Exactly r + 1 bytes give the same text; r bytes are too few. */
    b = malloc(r + 1);
    FUZZ_CHECK(b != NULL);
    r2 = servq_text_fold(s, n, b, r + 1);
    FUZZ_CHECK(r2 == r && memcmp(a, b, r + 1) == 0);
    free(b);
    b = r ? malloc(r) : NULL;
    FUZZ_CHECK(r == 0 || b != NULL);
    FUZZ_CHECK(servq_text_fold(s, n, b, r) == (size_t)-1);
    free(b);
    /* Folding what is folded never makes it longer. */
    b = malloc(r + 1);
    FUZZ_CHECK(b != NULL);
    FUZZ_CHECK(servq_text_fold(a, r, b, r + 1) <= r);
    free(b);
    free(a);
}

static void add_then_find(const char *s, size_t n, unsigned mode)
{
    struct servq_labels *t = servq_labels_new();
    int points = 2 + (int)(mode % 10), value = SENTINEL, want = (int)(mode >> 4) - 8;
    enum servq_label_kind kind = (mode & 0x100) ? SERVQ_LABEL_MISSING : SERVQ_LABEL_VALUE;
    enum servq_label_kind k;

    FUZZ_CHECK(t != NULL);
    if (servq_labels_add(t, s, n, points, kind, want) == 0) {
        FUZZ_CHECK(n > 0 && n <= SERVQ_LABEL_MAX);
        /* a user entry wins over everything else */
        k = servq_labels_lookup(t, s, n, points, 1, &value);
        FUZZ_CHECK(k == kind);
        FUZZ_CHECK(kind == SERVQ_LABEL_MISSING ? value == SENTINEL : value == want);
        /* adding it again replaces it */
        FUZZ_CHECK(servq_labels_add(t, s, n, points, SERVQ_LABEL_VALUE, 3) == 0);
        FUZZ_CHECK(servq_labels_lookup(t, s, n, points, 1, &value) == SERVQ_LABEL_VALUE &&
                   value == 3);
        lookup_all(t, s, n, 1);
    }
    servq_labels_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    unsigned mode = size ? data[0] * 3u + data[size - 1] * 257u : 0;

    lookup_all(NULL, s, size, 1);
    lookup_all(NULL, s, size, 1 - (int)(mode % 3)); /* scales from 0 or -1 */
    lookup_all(user_table(), s, size, 1);
    fold(s, size);
    add_then_find(s, size, mode);
    return 0;
}
