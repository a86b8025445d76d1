/*
 * Column names that look like a rating but follow none of servq's naming
 * conventions: "E5x", "Perception7", "exp_5", "P7_new", "Expectativa 5",
 * "Восприятие_7". The importer names them when the rating they look like
 * has no column, as they are likely a survey edit that renamed it.
 *
 * A name looks like a rating when, split into runs of letters and runs of
 * digits, exactly one run of letters is a measure word (E, P, A, D, or a
 * word for expectation, perception, adequate or desired in English,
 * Spanish, Portuguese or Russian) and there is a number. So "Q5_comment",
 * "region2", "age" and "branch" do not.
 */
#include <string.h>

#include "import/labels-priv.h"
#include "import/map-priv.h"

struct stem {
    const char *word;
    int prefix; /* 1: any word starting so; 0: the word itself */
    enum servq_measure m;
};

/* Folded (servq_text_fold()): lowercase, without accents. */
static const struct stem stems[] = {
    {"e", 0, SERVQ_MEASURE_E},        {"exp", 0, SERVQ_MEASURE_E},
    {"expec", 0, SERVQ_MEASURE_E},    {"expect", 1, SERVQ_MEASURE_E},
    {"ожидан", 1, SERVQ_MEASURE_E},   {"ожидаем", 1, SERVQ_MEASURE_E},
    {"p", 0, SERVQ_MEASURE_P},        {"perc", 0, SERVQ_MEASURE_P},
    {"percep", 1, SERVQ_MEASURE_P},   {"perceived", 0, SERVQ_MEASURE_P},
    {"percibid", 1, SERVQ_MEASURE_P}, {"восприят", 1, SERVQ_MEASURE_P},
    {"a", 0, SERVQ_MEASURE_A},        {"adeq", 1, SERVQ_MEASURE_A},
    {"adecuad", 1, SERVQ_MEASURE_A},  {"адекват", 1, SERVQ_MEASURE_A},
    {"d", 0, SERVQ_MEASURE_D},        {"desired", 0, SERVQ_MEASURE_D},
    {"desead", 1, SERVQ_MEASURE_D},   {"desejad", 1, SERVQ_MEASURE_D},
    {"желаем", 1, SERVQ_MEASURE_D},
};

static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || c >= 0x80;
}

static int stem_of(const char *w, size_t n, enum servq_measure *m)
{
    size_t i, k;

    for (i = 0; i < sizeof stems / sizeof stems[0]; i++) {
        k = strlen(stems[i].word);
        if ((stems[i].prefix ? n >= k : n == k) && memcmp(w, stems[i].word, k) == 0) {
            *m = stems[i].m;
            return 1;
        }
    }
    return 0;
}

int servq_column_lookalike(const char *name, struct servq_lookalike *out)
{
    char f[256];
    size_t n = servq_text_fold(name, strlen(name), f, sizeof f), i = 0;
    int words = 0;

    memset(out, 0, sizeof *out);
    out->number = -1;
    if (n == (size_t)-1)
        return 0;
    while (i < n) {
        size_t start = i;
        unsigned char c = (unsigned char)f[i];
        if (is_letter(c)) {
            enum servq_measure m;
            while (i < n && is_letter((unsigned char)f[i]))
                i++;
            if (stem_of(f + start, i - start, &m)) {
                out->measure = m;
                words++;
            }
            /* A letter run just before the number may be an item id's ("q7"). */
            if (i < n && f[i] >= '0' && f[i] <= '9' && out->number < 0 &&
                i - start < sizeof out->id - 8)
                memcpy(out->id, f + start, i - start), out->id[i - start] = '\0';
        } else if (c >= '0' && c <= '9') {
            long v = 0;
            int digits = 0;
            while (i < n && f[i] >= '0' && f[i] <= '9') {
                if (digits++ < 6)
                    v = v * 10 + (f[i] - '0');
                i++;
            }
            if (out->number < 0 && digits <= 6) {
                size_t k = strlen(out->id);
                out->number = v;
                if (k + (i - start) < sizeof out->id) {
                    memcpy(out->id + k, f + start, i - start);
                    out->id[k + (i - start)] = '\0';
                }
            }
        } else {
            i++;
        }
    }
    return words == 1 && out->number >= 0;
}
