/*
 * Fuzz target: the gap-analysis state reader behind servq merge
 * (servq_analysis_from_state, servq_analysis_merge_state).
 *
 * The input is a state ("servq.gap-analysis-state/2", or /1 without
 * weights). When it loads:
 * writing the state again and reloading that must give the same text; the
 * analysis must finalize to a document that servq's own renderers accept;
 * and the state merged into itself must still load and finalize.
 */
#include <string.h>

#include "fuzz.h"
#include "servq/servq.h"

static void check_load_status(enum servq_status st)
{
    if (st != SERVQ_OK && st != SERVQ_ERR_JSON && st != SERVQ_ERR_SCHEMA && st != SERVQ_ERR_LIMIT &&
        st != SERVQ_ERR_INSTRUMENT)
        fprintf(stderr, "state load: %s\n", servq_strerror(st));
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA ||
               st == SERVQ_ERR_LIMIT || st == SERVQ_ERR_INSTRUMENT);
}

/* Finalizes a and renders the document as the commands do. */
static void finalize(struct servq_analysis *a)
{
    char *doc = NULL, *text = NULL, *csv = NULL;
    enum servq_status st = servq_analysis_result(a, &doc);

    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_NUMERIC || st == SERVQ_ERR_DATA);
    if (st != SERVQ_OK)
        return;
    FUZZ_CHECK(doc != NULL);
    FUZZ_CHECK(servq_gaps_render_text(doc, strlen(doc), "en", &text) == SERVQ_OK);
    FUZZ_CHECK(servq_gaps_render_csv(doc, strlen(doc), 0, &csv) == SERVQ_OK);
    servq_free(text);
    servq_free(csv);
    servq_free(doc);
}

/* Keeps the library's message in the 256-byte buffer user. */
static void keep_text(const struct servq_message *m, void *user)
{
    snprintf(user, 256, "%s", m->text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct servq_instrument *ins = NULL, *ins2 = NULL;
    struct servq_analysis *a = NULL, *b = NULL;
    char *s1 = NULL, *s2 = NULL, err[256];
    enum servq_status st;

    err[0] = '\0';
    st = servq_analysis_from_state((const char *)data, size, &ins, &a, keep_text, err);
    check_load_status(st);
    if (st != SERVQ_OK) {
        FUZZ_CHECK(err[0] != '\0' || st == SERVQ_ERR_NOMEM);
        goto cleanup;
    }
    FUZZ_CHECK(ins != NULL && a != NULL);

    /* Written again, the state reads back to the same text. */
    st = servq_analysis_state(a, &s1);
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_DATA);
    if (st == SERVQ_OK) {
        st = servq_analysis_from_state(s1, strlen(s1), &ins2, &b, keep_text, err);
        if (st != SERVQ_OK)
            fprintf(stderr, "state written by servq refused: %s\n", err);
        FUZZ_CHECK(st == SERVQ_OK);
        FUZZ_CHECK(servq_analysis_state(b, &s2) == SERVQ_OK);
        FUZZ_CHECK(strcmp(s1, s2) == 0);
    }
    finalize(a);

    /* The same state added again: same instrument and options. */
    st = servq_analysis_merge_state(a, (const char *)data, size);
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_LIMIT);
    if (st == SERVQ_OK)
        finalize(a);

cleanup:
    servq_free(s1);
    servq_free(s2);
    servq_analysis_free(b);
    servq_instrument_free(ins2);
    servq_analysis_free(a);
    servq_instrument_free(ins);
    return 0;
}
