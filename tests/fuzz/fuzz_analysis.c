/*
 * Fuzz target: servq gap-analysis on canonical responses
 * (servq_analysis_add and the document and state behind it).
 *
 * The input is canonical CSV. Its last byte chooses the instrument (the
 * built-in one, or a small one with E, P, A and D, importance, an NPS
 * extra, dimensions that interleave and an item on a wide scale) and the
 * options (--by, --period, --missing, --weight, --compare-roles); the byte
 * before it, where to cut the rows in two. When every row is taken:
 *
 * - the document renders as text and CSV;
 * - the state, loaded again, gives the same document, byte for byte;
 * - unweighted, the first rows and the rest analysed apart and merged give
 *   the same document too (staged and exact sums, folds and merges agree).
 */
#include <string.h>

#include "fuzz.h"
#include "servq/servq.h"

static const char rich_json[] =
    "{\"schema\":\"servq.instrument/1\",\"id\":\"fuzz\",\"scale\":{\"min\":1,\"max\":7},"
    "\"measures\":[\"E\",\"P\",\"A\",\"D\"],\"importance\":true,"
    "\"dimensions\":[{\"id\":\"d1\"},{\"id\":\"d2\"}],"
    "\"items\":[{\"id\":\"q1\",\"dimension\":\"d2\"},{\"id\":\"q2\",\"dimension\":\"d1\"},"
    "{\"id\":\"q3\",\"dimension\":\"d2\",\"scale\":{\"min\":150,\"max\":250}},"
    "{\"id\":\"q4\",\"dimension\":\"d1\"}],"
    "\"extras\":[{\"id\":\"nps\",\"type\":\"nps\"}]}";

struct split {
    struct servq_analysis *first, *rest;
    unsigned long long cut; /* records before it go to first; the header to both */
    enum servq_status st_first, st_rest;
};

static int add_all(const struct servq_record *rec, void *user)
{
    struct servq_analysis *a = user;

    return servq_analysis_add(a, rec) == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static int add_split(const struct servq_record *rec, void *user)
{
    struct split *s = user;

    if (rec->number == 1 || rec->number < s->cut)
        s->st_first = servq_analysis_add(s->first, rec);
    if (rec->number == 1 || rec->number >= s->cut)
        s->st_rest = servq_analysis_add(s->rest, rec);
    return s->st_first == SERVQ_OK && s->st_rest == SERVQ_OK ? SERVQ_CB_OK : SERVQ_CB_ABORT;
}

static enum servq_status read_csv(const uint8_t *data, size_t size, servq_record_fn fn,
                                  void *user)
{
    struct servq_reader_options o;
    struct servq_reader *r = NULL;
    enum servq_status st;

    servq_reader_options_init(&o);
    o.max_record = 1 << 16;
    if ((st = servq_reader_new(&o, fn, user, &r)) != SERVQ_OK)
        return st;
    st = servq_reader_feed(r, data, size);
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    servq_reader_free(r);
    return st;
}

static void quiet(const struct servq_message *m, void *user)
{
    (void)m;
    (void)user;
}

static struct servq_analysis *new_analysis(const struct servq_instrument *ins,
                                           const struct servq_analysis_options *o)
{
    struct servq_analysis *a = NULL;

    FUZZ_CHECK(servq_analysis_new(ins, o, &a) == SERVQ_OK);
    servq_analysis_set_message_fn(a, quiet, NULL);
    return a;
}

/* The document, or NULL when there is none (no rows, too few to compute). */
static char *document(struct servq_analysis *a)
{
    char *doc = NULL, *text = NULL, *csv = NULL;
    enum servq_status st = servq_analysis_result(a, &doc);

    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_NUMERIC || st == SERVQ_ERR_DATA);
    if (st != SERVQ_OK)
        return NULL;
    FUZZ_CHECK(servq_gaps_render_text(doc, strlen(doc), "en", &text) == SERVQ_OK);
    FUZZ_CHECK(servq_gaps_render_csv(doc, strlen(doc), 0, &csv) == SERVQ_OK);
    servq_free(text);
    servq_free(csv);
    return doc;
}

static int same_doc(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Keeps the library's message in the 256-byte buffer user. */
static void keep_text(const struct servq_message *m, void *user)
{
    snprintf(user, 256, "%s", m->text);
}

/* The state of a, loaded again, gives the document doc. */
static void check_state(struct servq_analysis *a, const char *doc)
{
    struct servq_instrument *ins = NULL;
    struct servq_analysis *b = NULL;
    char *state = NULL, *again, err[256];

    if (servq_analysis_state(a, &state) != SERVQ_OK)
        return;
    if (servq_analysis_from_state(state, strlen(state), &ins, &b, keep_text, err) != SERVQ_OK) {
        fprintf(stderr, "state written by servq refused: %s\n", err);
        FUZZ_CHECK(0);
    }
    again = document(b);
    FUZZ_CHECK(same_doc(again, doc));
    servq_free(again);
    servq_analysis_free(b);
    servq_instrument_free(ins);
    servq_free(state);
}

/* The rows before cut and from cut on, analysed apart and merged, give doc. */
static void check_split(const uint8_t *data, size_t size, const struct servq_instrument *ins,
                        const struct servq_analysis_options *o, unsigned long long cut,
                        const char *doc)
{
    struct split s = {new_analysis(ins, o), new_analysis(ins, o), cut, SERVQ_OK, SERVQ_OK};
    char *state = NULL, *merged, err[256];
    enum servq_status st;

    st = read_csv(data, size, add_split, &s);
    FUZZ_CHECK(st == SERVQ_OK && s.st_first == SERVQ_OK && s.st_rest == SERVQ_OK);
    st = servq_analysis_state(s.rest, &state);
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_DATA);
    if (st == SERVQ_OK) {
        servq_analysis_set_message_fn(s.first, keep_text, err);
        st = servq_analysis_merge_state(s.first, state, strlen(state));
        FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_LIMIT);
        if (st == SERVQ_OK) {
            merged = document(s.first);
            FUZZ_CHECK(same_doc(merged, doc));
            servq_free(merged);
        }
    }
    servq_free(state);
    servq_analysis_free(s.first);
    servq_analysis_free(s.rest);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const by[] = {"branch", "channel"};
    struct servq_instrument *ins = NULL;
    struct servq_analysis_options o;
    struct servq_analysis *a;
    unsigned opt = size ? data[size - 1] : 0, cut = size > 1 ? data[size - 2] : 0;
    char err[256], *doc;
    enum servq_status st;

    if (opt & 1)
        st = servq_instrument_parse(rich_json, sizeof rich_json - 1, &ins, err, sizeof err);
    else
        st = servq_instrument_default(&ins);
    FUZZ_CHECK(st == SERVQ_OK);
    servq_analysis_options_init(&o);
    switch ((opt >> 1) & 3) {
    case 1:
        o.by = by;
        o.n_by = 1;
        break;
    case 2:
        o.by = by;
        o.n_by = 2;
        break;
    case 3:
        o.by = by + 1;
        o.n_by = 1;
        break;
    }
    o.period = (enum servq_period)((opt >> 3) & 3);
    o.missing = (opt >> 5) & 1 ? SERVQ_MISSING_PAIRWISE : SERVQ_MISSING_LISTWISE;
    o.weight = (opt >> 6) & 1 ? "weight" : NULL;
    o.compare_roles = (opt >> 7) & 1;
    o.max_groups = 64;

    a = new_analysis(ins, &o);
    st = read_csv(data, size, add_all, a);
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_ABORTED || st == SERVQ_ERR_CSV ||
               st == SERVQ_ERR_LIMIT);
    if (st == SERVQ_OK) {
        doc = document(a);
        check_state(a, doc);
        /* Weighted sums are doubles: a merge equals a single pass only to rounding. */
        if (!o.weight)
            check_split(data, size, ins, &o, 2 + cut % 8, doc);
        servq_free(doc);
    }
    servq_analysis_free(a);
    servq_instrument_free(ins);
    return 0;
}
