/*
 * Unit tests for the import stream (lib/import/stream.c): the canonical
 * output does not depend on how the bytes are split into feeds; a
 * ';'-separated export has ',' decimals; failures come through the
 * message callback; the import-stats document.
 *
 * Usage: test-stream SOURCE_ROOT (reads samples/exports/generic_servqual.csv)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/servq.h"
#include "tap.h"

struct run {
    char *out; /* canonical output */
    size_t len, cap;
    unsigned long long rejects;
    char messages[4096]; /* "level:text\n" for each message */
    size_t mlen;
};

static int collect(const char *buf, size_t n, void *user)
{
    struct run *r = user;

    if (r->len + n + 1 > r->cap) {
        size_t cap = (r->len + n + 1) * 2;
        char *p = realloc(r->out, cap);
        if (!p)
            return SERVQ_CB_ABORT;
        r->out = p;
        r->cap = cap;
    }
    memcpy(r->out + r->len, buf, n);
    r->len += n;
    r->out[r->len] = '\0';
    return SERVQ_CB_OK;
}

static int count_reject(const struct servq_reject *rej, void *user)
{
    struct run *r = user;

    (void)rej;
    r->rejects++;
    return SERVQ_CB_OK;
}

static void on_message(const struct servq_message *m, void *user)
{
    struct run *r = user;
    int n = snprintf(r->messages + r->mlen, sizeof r->messages - r->mlen, "%d:%s\n",
                     (int)m->level, m->text);

    if (n > 0 && (size_t)n < sizeof r->messages - r->mlen)
        r->mlen += (size_t)n;
}

/*
 * Imports text fed in pieces: step 0 feeds it whole, step 1 byte by
 * byte, and a negative step in random pieces of 1 to 9000 bytes drawn
 * from a fixed seed. @returns the status of the last call
 */
static enum servq_status import(const char *text, size_t len, long step,
                                const struct servq_import_stream_options *o, struct run *r,
                                struct servq_import_stream **keep)
{
    struct servq_import_stream *s = NULL;
    enum servq_status st;
    unsigned long long seed = 88172645463325252ull;
    size_t at = 0, n;

    memset(r, 0, sizeof *r);
    st = servq_import_stream_new(NULL, NULL, o, collect, count_reject, r, &s);
    if (st != SERVQ_OK)
        return st;
    servq_import_stream_set_message_fn(s, on_message, r);
    while (st == SERVQ_OK && at < len) {
        if (step == 0)
            n = len;
        else if (step > 0)
            n = (size_t)step;
        else {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            n = 1 + (size_t)(seed % 9000);
        }
        if (n > len - at)
            n = len - at;
        st = servq_import_stream_feed(s, text + at, n);
        at += n;
    }
    if (st == SERVQ_OK)
        st = servq_import_stream_finish(s);
    if (keep)
        *keep = s;
    else
        servq_import_stream_free(s);
    return st;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, fp);
        buf[*len] = '\0';
    }
    fclose(fp);
    return buf;
}

static void test_splits(const char *root)
{
    char path[4096];
    size_t len = 0;
    char *text;
    struct run whole, piece;
    long steps[] = {1, -1, 7, 4096};
    size_t i;

    snprintf(path, sizeof path, "%s/samples/exports/generic_servqual.csv", root);
    text = slurp(path, &len);
    if (!ok(text != NULL, "read %s", path)) {
        skip(1 + 2 * (int)(sizeof steps / sizeof steps[0]), "no sample");
        return;
    }
    ok(import(text, len, 0, NULL, &whole, NULL) == SERVQ_OK && whole.len > 0,
       "the sample imports in one feed");
    for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        enum servq_status st = import(text, len, steps[i], NULL, &piece, NULL);
        ok(st == SERVQ_OK && piece.len == whole.len && memcmp(piece.out, whole.out, whole.len) == 0,
           "feeds of %ld bytes (negative: random) give the same canonical output", steps[i]);
        is_int((long long)piece.rejects, (long long)whole.rejects, "and the same rejects");
        free(piece.out);
    }
    free(whole.out);
    free(text);
}

/* A ';' export writes 1,5 for one and a half; a ',' export cannot. */
static void test_decimal_comma(void)
{
    static const char semi[] = "respondent_id;weight;E01;P01\nr1;1,5;4;6\n";
    static const char comma[] = "respondent_id,weight,E01,P01\nr1,\"1,5\",4,6\n";
    struct servq_import_stream_options o;
    struct servq_import_counts n;
    struct servq_import_stream *s = NULL;
    struct run r;

    ok(import(semi, sizeof semi - 1, 0, NULL, &r, &s) == SERVQ_OK, "';' export imports");
    servq_import_stream_counts(s, &n);
    is_int((long long)n.imported, 1, "its row is imported");
    ok(strstr(r.out, "\nr1,1.5,4,6,") != NULL, "with weight 1.5");
    ok(strstr(r.messages, "2:delimiter: ';' (detected)\n") != NULL,
       "the guessed delimiter is said as information");
    is_int(servq_import_stream_delimiter(s), ';', "and reported by the stream");
    servq_import_stream_free(s);
    free(r.out);

    ok(import(comma, sizeof comma - 1, 1, NULL, &r, &s) == SERVQ_OK, "',' export imports");
    servq_import_stream_counts(s, &n);
    is_int((long long)n.rejected, 1, "there 1,5 is no weight: the row is rejected");
    servq_import_stream_free(s);
    free(r.out);

    /* --decimal , on a ',' export: the stream says nothing, the caller names both. */
    servq_import_stream_options_init(&o);
    o.import.decimal_mark = ',';
    is_int(import(comma, sizeof comma - 1, 0, &o, &r, &s), SERVQ_ERR_ARG,
           "a decimal mark that is the delimiter fails");
    is_int(servq_import_stream_delimiter(s), ',', "and the stream names the delimiter");
    is_int((long long)r.mlen, 0, "without a message");
    servq_import_stream_free(s);
    free(r.out);
}

static void test_errors(void)
{
    static const char pdf[] = "%PDF-1.4\n1 0 obj\n";
    static const char quote[] = "respondent_id,E01,P01\nr1,\"4,6\n";
    struct run r;

    is_int(import(pdf, sizeof pdf - 1, 3, NULL, &r, NULL), SERVQ_ERR_DATA, "a PDF is refused");
    is_str(r.messages,
           "0:this is a PDF document, not CSV; export the responses from the survey tool as CSV "
           "and import that\n",
           "through the message callback");
    free(r.out);
    is_int(import(quote, sizeof quote - 1, 1, NULL, &r, NULL), SERVQ_ERR_CSV,
           "an unterminated quote fails the finish");
    ok(strncmp(r.messages, "0:", 2) == 0 && strchr(r.messages, '\n') == r.messages + r.mlen - 1,
       "with one error message");
    free(r.out);
}

/* Two rows read, one imported (E01 8 is off the 1-7 scale), one rejected. */
static void test_stats(void)
{
    static const char text[] = "respondent_id,E01,P01\nr1,4,6\nr2,8,6\n";
    struct servq_import_stream *s = NULL;
    struct run r;
    char *json = NULL;

    import(text, sizeof text - 1, 0, NULL, &r, &s);
    ok(servq_import_stream_stats_json(s, &json) == SERVQ_OK, "stats document");
    is_str(json,
           "{\"schema\":\"servq.import-stats/1\",\"read\":2,\"imported\":1,\"rejected\":1,"
           "\"format\":\"csv\"}\n",
           "as servq-import --stats writes it");
    servq_free(json);
    servq_import_stream_free(s);
    free(r.out);
}

int main(int argc, char **argv)
{
    test_splits(argc > 1 ? argv[1] : ".");
    test_decimal_comma();
    test_errors();
    test_stats();
    return tap_done();
}
