/*
 * The vocabularies: every word servq accepts for a choice, once. A value is
 * the enumerator the word names; tests/unit/test-vocab.c checks each word
 * against its enumerator, since this file cannot include the headers of
 * later stages. The first word of a value is how servq writes it; later
 * ones are aliases it also reads.
 */
#include <stdio.h>
#include <string.h>

#include "servq/common.h"

struct word {
    const char *text;
    int value;
    int alias; /* read, never written or listed */
};

struct vocab {
    const struct word *words;
    size_t n;
};

#define WORDS(...) {(const struct word[]){__VA_ARGS__}, sizeof((const struct word[]){__VA_ARGS__}) / sizeof(struct word)}

static const struct vocab vocabs[SERVQ_VOCAB_COUNT] = {
    [SERVQ_VOCAB_ADJUST] = WORDS({"holm", 0, 0}, {"bh", 1, 0}, {"none", 2, 0}),
    [SERVQ_VOCAB_MISSING] = WORDS({"listwise", 0, 0}, {"pairwise", 1, 0}),
    [SERVQ_VOCAB_PERIOD] = WORDS({"week", 1, 0}, {"month", 2, 0}, {"quarter", 3, 0}),
    [SERVQ_VOCAB_IPA_CENTER] = WORDS({"data", 0, 0}, {"scale", 1, 0}),
    [SERVQ_VOCAB_LANG] = WORDS({"en", 0, 0}, {"es", 1, 0}, {"pt", 2, 0}, {"ru", 3, 0}),
    [SERVQ_VOCAB_GAPS_FORMAT] = WORDS({"json", 0, 0}, {"text", 1, 0}, {"csv", 2, 0}),
    [SERVQ_VOCAB_REPORT_FORMAT] = WORDS({"text", 0, 0}, {"markdown", 1, 0}, {"md", 1, 1},
                                        {"html", 2, 0}),
    [SERVQ_VOCAB_SCORE_FORMAT] = WORDS({"csv", 0, 0}, {"jsonl", 1, 0}),
    [SERVQ_VOCAB_IMPORT_FORMAT] = WORDS({"auto", 0, 0}, {"csv", 1, 0}, {"sav", 2, 0},
                                        {"zsav", 2, 1}),
};

static const struct vocab *vocab_of(enum servq_vocab v)
{
    return (unsigned)v < SERVQ_VOCAB_COUNT ? &vocabs[v] : NULL;
}

int servq_vocab_value(enum servq_vocab v, const char *word)
{
    const struct vocab *voc = vocab_of(v);
    size_t i;

    if (!voc || !word)
        return -1;
    for (i = 0; i < voc->n; i++)
        if (strcmp(voc->words[i].text, word) == 0)
            return voc->words[i].value;
    return -1;
}

const char *servq_vocab_word(enum servq_vocab v, int value)
{
    const struct vocab *voc = vocab_of(v);
    size_t i;

    if (!voc)
        return NULL;
    for (i = 0; i < voc->n; i++)
        if (voc->words[i].value == value && !voc->words[i].alias)
            return voc->words[i].text;
    return NULL;
}

size_t servq_vocab_list(enum servq_vocab v, const char *sep, const char *last, char *buf,
                        size_t cap)
{
    const struct vocab *voc = vocab_of(v);
    size_t i, listed = 0, shown = 0, len = 0;
    int n;

    if (cap)
        buf[0] = '\0';
    if (!voc)
        return 0;
    for (i = 0; i < voc->n; i++)
        shown += !voc->words[i].alias;
    for (i = 0; i < voc->n; i++) {
        const char *before = listed == 0 ? "" : listed + 1 == shown ? last : sep;

        if (voc->words[i].alias)
            continue;
        n = snprintf(len < cap ? buf + len : NULL, len < cap ? cap - len : 0, "%s%s", before,
                     voc->words[i].text);
        if (n < 0)
            return len;
        len += (size_t)n;
        listed++;
    }
    return len;
}
