/*
 * Unit tests for lib/common/message.c, the one formatter every diagnostic
 * of the library goes through: a sink without a callback drops messages,
 * a message of any length arrives whole, and level, line, field and limit
 * reach the callback as given.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/message-priv.h"
#include "tap.h"

/* What the callback saw of the last message, copied out of it. */
struct seen {
    int calls;
    enum servq_level level;
    unsigned long long line;
    unsigned long column;
    enum servq_limit limit;
    char *text;
};

static void record(const struct servq_message *m, void *user)
{
    struct seen *s = user;

    s->calls++;
    s->level = m->level;
    s->line = m->line;
    s->column = m->column;
    s->limit = m->limit;
    free(s->text);
    s->text = strdup(m->text);
}

static void seen_release(struct seen *s)
{
    free(s->text);
    memset(s, 0, sizeof *s);
}

/* The callback must never run: it counts in a place the test checks. */
static void must_not_run(const struct servq_message *m, void *user)
{
    (void)m;
    (*(int *)user)++;
}

static void test_dropped(void)
{
    int calls = 0;
    struct servq_sink none = {NULL, &calls};

    servq_say(NULL, SERVQ_LEVEL_ERROR, SERVQ_NOWHERE, "no sink %d", 1);
    servq_say(&none, SERVQ_LEVEL_ERROR, SERVQ_NOWHERE, "no callback %s", "at all");
    is_int(calls, 0, "a NULL sink and a sink without a callback drop the message");
    none.fn = must_not_run;
    servq_say(&none, SERVQ_LEVEL_INFO, SERVQ_NOWHERE, "now with one");
    is_int(calls, 1, "the same sink with a callback delivers it, once");
}

static void test_where(void)
{
    struct seen s = {0};
    struct servq_sink sink = {record, &s};
    struct servq_where w = {12345678901ULL, 7, SERVQ_LIMIT_RECORD_BYTES};

    servq_say(&sink, SERVQ_LEVEL_WARNING, w, "field %lu of line %llu", 7ul, 12345678901ULL);
    ok(s.calls == 1 && s.level == SERVQ_LEVEL_WARNING && s.line == 12345678901ULL &&
           s.column == 7 && s.limit == SERVQ_LIMIT_RECORD_BYTES,
       "level, line (past 2^32), field and limit pass through");
    is_str(s.text, "field 7 of line 12345678901", "the text is formatted");
    servq_say(&sink, SERVQ_LEVEL_ERROR, SERVQ_AT_LINE(3), "%s", "");
    ok(s.calls == 2 && s.level == SERVQ_LEVEL_ERROR && s.line == 3 && s.column == 0 &&
           s.limit == SERVQ_LIMIT_NONE && s.text && s.text[0] == '\0',
       "SERVQ_AT_LINE(3) is line 3, no field, no limit; an empty text stays empty");
    servq_say(&sink, SERVQ_LEVEL_INFO, SERVQ_NOWHERE, "100%% of %d", 4);
    ok(s.line == 0 && s.column == 0 && s.limit == SERVQ_LIMIT_NONE && s.level == SERVQ_LEVEL_INFO,
       "SERVQ_NOWHERE is no line, no field, no limit");
    is_str(s.text, "100% of 4", "%% is a percent sign");
    seen_release(&s);
}

/* A wrapper of the kind every object's say() is, to reach servq_vsay. */
static void say_v(const struct servq_sink *sink, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say_v(const struct servq_sink *sink, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    servq_vsay(sink, SERVQ_LEVEL_ERROR, SERVQ_AT_LINE(9), fmt, ap);
    va_end(ap);
}

/*
 * The formatter tries a 512-byte buffer first: 511 bytes of text fit it,
 * 512 and more go to the heap, formatted a second time from the copy of
 * the argument list. Each length must arrive whole, byte for byte.
 */
static void test_long(void)
{
    static const size_t lengths[] = {511, 512, 513, 5000, 100000};
    struct seen s = {0};
    struct servq_sink sink = {record, &s};
    size_t i, k;

    for (i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        size_t n = lengths[i];
        /* "<" + n - 2 letters cycling a..z + ">": its first and last bytes show a cut. */
        char *body = malloc(n - 1);
        char *want = malloc(n + 1);
        for (k = 0; k < n - 2; k++)
            body[k] = (char)('a' + k % 26);
        body[n - 2] = '\0';
        snprintf(want, n + 1, "<%s>", body);
        say_v(&sink, "<%s>", body);
        ok(s.text && strlen(s.text) == n && strcmp(s.text, want) == 0 && s.line == 9,
           "a message of %zu bytes arrives whole through servq_vsay", n);
        free(body);
        free(want);
    }
    is_int(s.calls, (long long)(sizeof lengths / sizeof lengths[0]), "one call per message");
    seen_release(&s);
}

int main(void)
{
    test_dropped();
    test_where();
    test_long();
    return tap_done();
}
