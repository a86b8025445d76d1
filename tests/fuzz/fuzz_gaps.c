/*
 * Fuzz target: the gap-analysis JSON reader behind servq-report and
 * servq-gap-analysis --format text/csv (lib/render/render.c).
 *
 * The input is a gaps document. It is rendered as a report (alone, and as
 * the last of two periods, with import statistics or the input as them)
 * in a format, language, number of priorities, charset and colour taken
 * from the input's last bytes; then as the text table and as CSV, raw and
 * neutralised. The CSV must read back with the header's width on every
 * row.
 */
#include <string.h>

#include "fuzz.h"
#include "servq/servq.h"

static void check_status(enum servq_status st)
{
    FUZZ_CHECK(st == SERVQ_OK || st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA);
}

/* The input holds "(null)" itself, so the check below cannot apply. */
static int input_has_null;

static int contains(const uint8_t *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0)
            return 1;
    return 0;
}

static void check_output(enum servq_status st, char *out)
{
    check_status(st);
    if (st == SERVQ_OK) {
        FUZZ_CHECK(out != NULL);
        /* glibc prints a NULL string argument as "(null)" */
        FUZZ_CHECK(input_has_null || !strstr(out, "(null)"));
    }
    servq_free(out);
}

/* The report may also fail on a numeric routine. */
static void check_report(enum servq_status st, char *out)
{
    if (st == SERVQ_ERR_NUMERIC)
        st = SERVQ_ERR_JSON;
    check_output(st, out);
}

struct width {
    size_t width;
    unsigned long long rows;
};

static int on_csv_row(const struct servq_record *rec, void *user)
{
    struct width *w = user;

    if (w->rows++ == 0)
        w->width = rec->n_fields;
    FUZZ_CHECK(rec->n_fields == w->width);
    return SERVQ_CB_OK;
}

static void render_csv(const char *json, size_t len, int raw)
{
    struct servq_reader_options o;
    struct servq_reader *r = NULL;
    struct width w = {0, 0};
    char *out = NULL;
    enum servq_status st = servq_gaps_render_csv(json, len, raw, &out);

    check_status(st);
    if (st == SERVQ_OK) {
        FUZZ_CHECK(out != NULL);
        FUZZ_CHECK(input_has_null || !strstr(out, "(null)"));
        servq_reader_options_init(&o);
        o.max_fields = 1000000;
        FUZZ_CHECK(servq_reader_new(&o, on_csv_row, &w, &r) == SERVQ_OK);
        FUZZ_CHECK(servq_reader_feed(r, out, strlen(out)) == SERVQ_OK);
        FUZZ_CHECK(servq_reader_finish(r) == SERVQ_OK);
        FUZZ_CHECK(w.rows >= 1); /* at least the header */
        servq_reader_free(r);
    }
    servq_free(out);
}

/* Keeps the report's error (its buffer holds 128 bytes). */
static void keep_error(const struct servq_message *msg, void *user)
{
    if (msg->level == SERVQ_LEVEL_ERROR)
        snprintf(user, 128, "%s", msg->text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {"en", "es", "pt", "ru", NULL, "", "x", "de"};
    static const char other[] = "{\"schema\": \"servq.gap-analysis/1\", \"groups\": [],"
                                " \"instrument\": {}}";
    static const char stats[] = "{\"schema\": \"servq.import-stats/1\", \"read\": 10,"
                                " \"imported\": 8, \"rejected\": 2}";
    const char *json = (const char *)data;
    unsigned t = size ? data[size - 1] : 0, u = size > 1 ? data[size - 2] : 0;
    struct servq_report_options o;
    struct servq_report_result res;
    const char *docs[2];
    size_t lens[2];
    char *out = NULL, err[128];
    enum servq_status st;

    input_has_null = contains(data, size, "(null)");
    servq_report_options_init(&o);
    o.lang = langs[t & 7];
    o.top = (t >> 3) % 8;
    o.format = u % 3 == 0   ? SERVQ_REPORT_TEXT
               : u % 3 == 1 ? SERVQ_REPORT_MARKDOWN
                            : SERVQ_REPORT_HTML;
    o.ascii = (u >> 2) & 1;
    o.color = (u >> 3) & 1;
    memset(&res, 0, sizeof res);
    o.result = &res;

    docs[0] = json;
    lens[0] = size;
    err[0] = '\0';
    o.message = keep_error;
    o.message_user = err;
    st = servq_report_render(docs, lens, 1, &o, &out);
    FUZZ_CHECK(st == SERVQ_OK || err[0] != '\0');
    FUZZ_CHECK(res.missed_targets <= res.targets);
    if (st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA)
        FUZZ_CHECK(res.failed_input <= 1);
    check_report(st, out);

    /* an older period before this one */
    docs[0] = other;
    lens[0] = sizeof other - 1;
    docs[1] = json;
    lens[1] = size;
    out = NULL;
    if ((u >> 4) & 1) { /* the input as import statistics too */
        o.import_stats = json;
        o.import_stats_len = size;
    } else if ((u >> 5) & 1) {
        o.import_stats = stats;
        o.import_stats_len = sizeof stats - 1;
    }
    memset(&res, 0, sizeof res);
    o.message = NULL;
    st = servq_report_render(docs, lens, 2, &o, &out);
    if (st == SERVQ_ERR_JSON || st == SERVQ_ERR_SCHEMA)
        FUZZ_CHECK(res.failed_input <= 2);
    check_report(st, out);

    out = NULL;
    st = servq_gaps_render_text(json, size, o.lang, &out);
    check_output(st, out);
    render_csv(json, size, 0);
    render_csv(json, size, 1);
    return 0;
}
