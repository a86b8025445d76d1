/*
 * Unit tests for lib/input/reader.c: the push CSV reader.
 *
 * Every input is fed (a) whole, (b) one byte at a time and (c) split in two
 * at every position; all three must deliver the same records (fields, line
 * and record numbers, raw text), the same diagnostics and the same status.
 * Records are serialised to one line of text each so a mismatch prints
 * readably:
 *
 *   L<line> N<number> F<n_fields> field|field|... raw=<raw>
 *
 * with '\n' '\r' '\t' '|' '\\' and bytes outside printable ASCII escaped.
 * A diagnostic from the message callback is serialised as "E<line>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "servq/reader.h"
#include "tap.h"
#include "common/util-priv.h"

struct collect {
    struct servq_buf out;
    unsigned long long abort_at; /* record number to abort at, 0 = never */
    int bad_nul;                 /* a field lacked its terminating NUL */
    int bad_level;               /* a diagnostic was not an error */
};

static void put_escaped(struct servq_buf *b, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\n':
            servq_buf_adds(b, "\\n");
            break;
        case '\r':
            servq_buf_adds(b, "\\r");
            break;
        case '\t':
            servq_buf_adds(b, "\\t");
            break;
        case '|':
            servq_buf_adds(b, "\\|");
            break;
        case '\\':
            servq_buf_adds(b, "\\\\");
            break;
        default:
            if (c < 0x20 || c >= 0x7f)
                servq_buf_printf(b, "\\x%02X", c);
            else
                servq_buf_addc(b, (char)c);
        }
    }
}

static int on_record(const struct servq_record *rec, void *user)
{
    struct collect *c = user;
    size_t i;

    servq_buf_printf(&c->out, "L%llu N%llu F%zu ", rec->line, rec->number, rec->n_fields);
    for (i = 0; i < rec->n_fields; i++) {
        if (i)
            servq_buf_addc(&c->out, '|');
        put_escaped(&c->out, rec->fields[i].data, rec->fields[i].len);
        if (rec->fields[i].data[rec->fields[i].len] != '\0')
            c->bad_nul = 1;
    }
    servq_buf_adds(&c->out, " raw=");
    put_escaped(&c->out, rec->raw, rec->raw_len);
    servq_buf_addc(&c->out, '\n');
    if (c->abort_at && rec->number == c->abort_at)
        return SERVQ_CB_ABORT;
    return SERVQ_CB_OK;
}

static void on_message(const struct servq_message *m, void *user)
{
    struct collect *c = user;

    if (m->level != SERVQ_LEVEL_ERROR || !m->text || !m->text[0])
        c->bad_level = 1;
    servq_buf_printf(&c->out, "E%llu\n", m->line);
}

struct rcase {
    const char *name;
    const char *in;
    size_t len;
    char delim;        /* 0 = default */
    size_t max_record; /* 0 = default */
    size_t max_fields; /* 0 = default */
    unsigned long long abort_at;
    enum servq_status want_st;
    const char *want;
};

/* Cuts applied to the input: chunk boundaries, ascending, ending at len. */
static enum servq_status run(const struct rcase *tc, const size_t *cuts, size_t n_cuts,
                             struct collect *c)
{
    struct servq_reader_options o;
    struct servq_reader *r = NULL;
    enum servq_status st;
    size_t i, at = 0;

    servq_reader_options_init(&o);
    if (tc->delim)
        o.delimiter = tc->delim;
    if (tc->max_record)
        o.max_record = tc->max_record;
    if (tc->max_fields)
        o.max_fields = tc->max_fields;
    servq_buf_init(&c->out);
    servq_buf_adds(&c->out, ""); /* never NULL, even with no records */
    c->abort_at = tc->abort_at;
    c->bad_nul = c->bad_level = 0;
    st = servq_reader_new(&o, on_record, c, &r);
    if (st != SERVQ_OK)
        return st;
    servq_reader_set_message_fn(r, on_message, c);
    for (i = 0; i < n_cuts && st == SERVQ_OK; i++) {
        st = servq_reader_feed(r, tc->in + at, cuts[i] - at);
        at = cuts[i];
    }
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    servq_reader_free(r);
    return st;
}

static void check_case(const struct rcase *tc)
{
    size_t len = tc->len ? tc->len : strlen(tc->in);
    struct rcase t = *tc;
    struct collect c;
    size_t *cuts, i, bad_at = (size_t)-1;
    size_t two[2];
    enum servq_status st;
    char *whole;
    int extra_bad = 0;

    t.len = len;
    /* (a) whole */
    two[0] = len;
    st = run(&t, two, 1, &c);
    is_int(st, tc->want_st, "%s: whole: status %s", tc->name, servq_strerror(tc->want_st));
    is_str(c.out.data, tc->want, "%s: whole: records", tc->name);
    ok(!c.bad_nul && !c.bad_level, "%s: whole: fields NUL-terminated, messages are errors",
       tc->name);
    whole = servq_buf_steal(&c.out);

    /* (b) one byte at a time */
    cuts = malloc((len + 1) * sizeof *cuts);
    if (!cuts) {
        ok(0, "%s: out of memory", tc->name);
        free(whole);
        return;
    }
    for (i = 0; i < len; i++)
        cuts[i] = i + 1;
    st = run(&t, cuts, len, &c);
    is_int(st, tc->want_st, "%s: byte by byte: status", tc->name);
    is_str(c.out.data, tc->want, "%s: byte by byte: records", tc->name);
    extra_bad |= c.bad_nul | c.bad_level;
    servq_buf_release(&c.out);

    /* (c) two pieces, at every split position including the ends */
    for (i = 0; i <= len; i++) {
        two[0] = i;
        two[1] = len;
        st = run(&t, two, 2, &c);
        extra_bad |= c.bad_nul | c.bad_level;
        if ((st != tc->want_st || strcmp(c.out.data, whole) != 0) && bad_at == (size_t)-1) {
            bad_at = i;
            printf("# split at %zu: status %d, records:\n# %s\n", i, (int)st, c.out.data);
        }
        servq_buf_release(&c.out);
    }
    ok(bad_at == (size_t)-1, "%s: all %zu two-piece splits agree with whole", tc->name,
       len + 1);
    ok(!extra_bad, "%s: split runs: fields NUL-terminated, messages are errors", tc->name);
    free(cuts);
    free(whole);
}

#define S(lit) lit, sizeof(lit) - 1

static const struct rcase cases[] = {
    {"plain", S("a,b,c\n1,2,3\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F3 a|b|c raw=a,b,c\n"
     "L2 N2 F3 1|2|3 raw=1,2,3\n"},
    {"crlf", S("a,b\r\n1,2\r\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 a|b raw=a,b\n"
     "L2 N2 F2 1|2 raw=1,2\n"},
    {"lf and crlf mixed", S("a,b\n1,2\r\n3,4\n5,6\r\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 a|b raw=a,b\n"
     "L2 N2 F2 1|2 raw=1,2\n"
     "L3 N3 F2 3|4 raw=3,4\n"
     "L4 N4 F2 5|6 raw=5,6\n"},
    /* Line numbers advance over line breaks inside quotes. */
    {"quoted", S("\"x,y\",\"say \"\"hi\"\"\",z\n"
                 "\"multi\nline\",2\n"
                 "\"crlf\r\nin\",3\r\n"
                 "last,4\n"),
     0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F3 x,y|say \"hi\"|z raw=\"x,y\",\"say \"\"hi\"\"\",z\n"
     "L2 N2 F2 multi\\nline|2 raw=\"multi\\nline\",2\n"
     "L4 N3 F2 crlf\\r\\nin|3 raw=\"crlf\\r\\nin\",3\n"
     "L6 N4 F2 last|4 raw=last,4\n"},
    {"quoted empty, lone quote, trailing delimiter", S("\"\",x,\"\"\"\"\n\"a\",\n"), 0, 0, 0, 0,
     SERVQ_OK,
     "L1 N1 F3 |x|\" raw=\"\",x,\"\"\"\"\n"
     "L2 N2 F2 a| raw=\"a\",\n"},
    {"quoted line break at end of record", S("\"a\nb\"\n\"c\r\n\"\r\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F1 a\\nb raw=\"a\\nb\"\n"
     "L3 N2 F1 c\\r\\n raw=\"c\\r\\n\"\n"},
    {"missing final newline", S("a,b\n1,2"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 a|b raw=a,b\n"
     "L2 N2 F2 1|2 raw=1,2\n"},
    {"final CR without LF", S("a,b\r\n1,2\r"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 a|b raw=a,b\n"
     "L2 N2 F2 1|2 raw=1,2\n"},
    {"missing final newline after quote", S("a\n\"b,c\""), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F1 a raw=a\n"
     "L2 N2 F1 b,c raw=\"b,c\"\n"},
    {"blank lines", S("\na,b\n\n\r\n1,2\n\n"), 0, 0, 0, 0, SERVQ_OK,
     "L2 N1 F2 a|b raw=a,b\n"
     "L5 N2 F2 1|2 raw=1,2\n"},
    {"only blank lines", S("\n\r\n\n"), 0, 0, 0, 0, SERVQ_OK, ""},
    {"empty input", S(""), 0, 0, 0, 0, SERVQ_OK, ""},
    {"bom", S("\xEF\xBB\xBF" "a,b\n1,2\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 a|b raw=a,b\n"
     "L2 N2 F2 1|2 raw=1,2\n"},
    {"bom then quoted field", S("\xEF\xBB\xBF" "\"a,b\",c\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 a,b|c raw=\"a,b\",c\n"},
    {"bom then blank line", S("\xEF\xBB\xBF" "\nx\n"), 0, 0, 0, 0, SERVQ_OK,
     "L2 N1 F1 x raw=x\n"},
    {"bom only", S("\xEF\xBB\xBF"), 0, 0, 0, 0, SERVQ_OK, ""},
    /* Only the first BOM is skipped; a second one is data. */
    {"two boms", S("\xEF\xBB\xBF\xEF\xBB\xBF" "x\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F1 \\xEF\\xBB\\xBFx raw=\\xEF\\xBB\\xBFx\n"},
    {"partial bom is data", S("\xEF\xBB" "A,b\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 \\xEF\\xBBA|b raw=\\xEF\\xBBA,b\n"},
    {"partial bom then newline", S("\xEF\n" "x\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F1 \\xEF raw=\\xEF\n"
     "L2 N2 F1 x raw=x\n"},
    {"partial bom at end of input", S("\xEF\xBB"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F1 \\xEF\\xBB raw=\\xEF\\xBB\n"},
    {"semicolon", S("a;b;\"c;d\"\n1;2,5;3\n"), ';', 0, 0, 0, SERVQ_OK,
     "L1 N1 F3 a|b|c;d raw=a;b;\"c;d\"\n"
     "L2 N2 F3 1|2,5|3 raw=1;2,5;3\n"},
    {"tab", S("a\tb\t\"c\td\"\n1\t\t3\n"), '\t', 0, 0, 0, SERVQ_OK,
     "L1 N1 F3 a|b|c\\td raw=a\\tb\\t\"c\\td\"\n"
     "L2 N2 F3 1||3 raw=1\\t\\t3\n"},
    {"empty fields and trailing delimiter", S("a,,c\n,,\nx,\n,\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F3 a||c raw=a,,c\n"
     "L2 N2 F3 || raw=,,\n"
     "L3 N3 F2 x| raw=x,\n"
     "L4 N4 F2 | raw=,\n"},
    {"spaces kept verbatim", S(" a , \"b\" \n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2  a | \"b\"  raw= a , \"b\" \n"},
    {"unterminated quote", S("a,b\n\"open,\nmore\n"), 0, 0, 0, 0, SERVQ_ERR_CSV,
     "L1 N1 F2 a|b raw=a,b\n"
     "E2\n"},
    {"unterminated quote after blank lines", S("\n\nx,\"y"), 0, 0, 0, 0, SERVQ_ERR_CSV,
     "E3\n"},
    {"max_record: exactly at the limit", S("abcde\nab\n"), 0, 5, 0, 0, SERVQ_OK,
     "L1 N1 F1 abcde raw=abcde\n"
     "L2 N2 F1 ab raw=ab\n"},
    {"max_record: one byte over", S("abcde\n\nabcdef\nx\n"), 0, 5, 0, 0, SERVQ_ERR_LIMIT,
     "L1 N1 F1 abcde raw=abcde\n"
     "E3\n"},
    {"max_record: quoted record over several lines", S("ab\n\"a\nb\nc\"\n"), 0, 5, 0, 0,
     SERVQ_ERR_LIMIT,
     "L1 N1 F1 ab raw=ab\n"
     "E2\n"},
    {"max_record: without final newline", S("ab\nabcdef"), 0, 5, 0, 0, SERVQ_ERR_LIMIT,
     "L1 N1 F1 ab raw=ab\n"
     "E2\n"},
    {"max_fields: exactly at the limit", S("a,b,c\n\"a\",b,\n"), 0, 0, 3, 0, SERVQ_OK,
     "L1 N1 F3 a|b|c raw=a,b,c\n"
     "L2 N2 F3 a|b| raw=\"a\",b,\n"},
    {"max_fields: one over, plain", S("a,b,c\n\na,b,c,\n"), 0, 0, 3, 0, SERVQ_ERR_LIMIT,
     "L1 N1 F3 a|b|c raw=a,b,c\n"
     "E3\n"},
    {"max_fields: one over, quoted", S("x\n\"a\nb\",b,c,d\n"), 0, 0, 3, 0, SERVQ_ERR_LIMIT,
     "L1 N1 F1 x raw=x\n"
     "E2\n"},
    {"callback abort", S("a\nb\nc\n"), 0, 0, 0, 2, SERVQ_ERR_ABORTED,
     "L1 N1 F1 a raw=a\n"
     "L2 N2 F1 b raw=b\n"},
    {"callback abort at the last record, in finish", S("a\nb"), 0, 0, 0, 2, SERVQ_ERR_ABORTED,
     "L1 N1 F1 a raw=a\n"
     "L2 N2 F1 b raw=b\n"},
    /*
     * A quote inside an unquoted field does not start quoting: it is kept
     * as a literal character (libcsv's non-strict rule), and a line break
     * after it still ends the record.
     */
    {"literal quote inside an unquoted field", S("ab\"c,d\nx\"\ny\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F2 ab\"c|d raw=ab\"c,d\n"
     "L2 N2 F1 x\" raw=x\"\n"
     "L3 N3 F1 y raw=y\n"},
    /*
     * Text after a closing quote is malformed. The record splitter takes
     * the quote as closed, so the line break ends the record; libcsv
     * (non-strict) then keeps the quote as data and treats the rest of the
     * record as quoted, so the delimiter after it is data too: one field.
     */
    {"text after a closing quote", S("\"ab\"c,d\nx\n"), 0, 0, 0, 0, SERVQ_OK,
     "L1 N1 F1 ab\"c,d raw=\"ab\"c,d\n"
     "L2 N2 F1 x raw=x\n"},
    /*
     * CRLF records under the limit pass and one over fails. (Note: the CR
     * is counted, so "abcde\r\n" fails a limit of 5 that "abcde\n" passes;
     * that boundary is left unpinned.)
     */
    {"max_record: crlf", S("abcd\r\nabcdef\r\n"), 0, 5, 0, 0, SERVQ_ERR_LIMIT,
     "L1 N1 F1 abcd raw=abcd\n"
     "E2\n"},
};

static int count_record(const struct servq_record *rec, void *user)
{
    (void)rec;
    ++*(int *)user;
    return SERVQ_CB_OK;
}

static void test_api(void)
{
    struct servq_reader_options o;
    struct servq_reader *r = NULL;
    int n = 0;

    servq_reader_options_init(&o);
    is_int(o.delimiter, ',', "default delimiter");
    is_int(o.quote, '"', "default quote");
    is_int((long long)o.max_record, SERVQ_DEFAULT_MAX_RECORD, "default max_record");
    is_int((long long)o.max_fields, SERVQ_DEFAULT_MAX_FIELDS, "default max_fields");

    is_int(servq_reader_new(NULL, NULL, NULL, &r), SERVQ_ERR_ARG, "new: NULL callback");
    o.delimiter = '"';
    is_int(servq_reader_new(&o, count_record, &n, &r), SERVQ_ERR_ARG,
           "new: delimiter == quote");
    o.delimiter = '\n';
    is_int(servq_reader_new(&o, count_record, &n, &r), SERVQ_ERR_ARG, "new: delimiter LF");
    servq_reader_options_init(&o);
    o.max_fields = 0;
    is_int(servq_reader_new(&o, count_record, &n, &r), SERVQ_ERR_ARG, "new: max_fields 0");
    servq_reader_options_init(&o);
    o.max_record = 0;
    is_int(servq_reader_new(&o, count_record, &n, &r), SERVQ_ERR_ARG, "new: max_record 0");
    servq_reader_free(NULL);
    ok(1, "free(NULL) does nothing");

    if (!ok(servq_reader_new(NULL, count_record, &n, &r) == SERVQ_OK, "new with defaults"))
        return;
    is_int(servq_reader_feed(r, "a\n\nb\r\n\"c\nd\"\ne", 14), SERVQ_OK, "feed");
    is_int((long long)servq_reader_line_count(r), 5, "line_count counts complete lines");
    is_int(servq_reader_finish(r), SERVQ_OK, "finish");
    is_int(n, 4, "four records");
    servq_reader_free(r);
}

/*
 * A limit of SIZE_MAX means "no practical limit"; the reader must not
 * overflow when it sizes its field table. Run in a child so that a crash
 * (or a sanitizer report) fails this check rather than the whole test.
 */
static int child_huge_max_fields(void)
{
    struct servq_reader_options o;
    struct servq_reader *r = NULL;
    int n = 0;
    enum servq_status st;

    servq_reader_options_init(&o);
    o.max_fields = SIZE_MAX;
    if (servq_reader_new(&o, count_record, &n, &r) != SERVQ_OK)
        return 3;
    st = servq_reader_feed(r, "a,b,c\n", 6);
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    servq_reader_free(r);
    return st == SERVQ_OK && n == 1 ? 0 : 4;
}

static void test_huge_max_fields(void)
{
    pid_t pid;
    int status = 0;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        /* Silence the child's stdout so TAP stays well-formed. */
        if (!freopen("/dev/null", "w", stdout))
            _exit(5);
        _exit(child_huge_max_fields());
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        ok(0, "max_fields = SIZE_MAX: fork");
        return;
    }
    /*
     * Regression: grow_fields() used to cap the capacity at max_fields + 1,
     * which wraps to 0 for SIZE_MAX; the table got 0 slots and add_field()
     * wrote past it (heap overflow).
     */
    if (!ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
            "max_fields = SIZE_MAX reads a 3-field record"))
        printf("#   child %s %d\n", WIFEXITED(status) ? "exited" : "killed by signal",
               WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

/* What a reader stopped on: its status and last message. */
struct limit_seen {
    unsigned long long line;
    unsigned long column;
    enum servq_limit limit;
    int records;
};

static void on_limit_message(const struct servq_message *m, void *user)
{
    struct limit_seen *s = user;

    s->line = m->line;
    s->column = m->column;
    s->limit = m->limit;
}

static int count_limit_record(const struct servq_record *rec, void *user)
{
    (void)rec;
    ((struct limit_seen *)user)->records++;
    return SERVQ_CB_OK;
}

/*
 * Reads in, chunk bytes at a time, with max_field; @returns the status and
 * fills s. *fed receives how many bytes went in before the reader stopped.
 */
static enum servq_status read_limited(const char *in, size_t len, size_t chunk, size_t max_field,
                                      struct limit_seen *s, size_t *fed)
{
    struct servq_reader_options o;
    struct servq_reader *r = NULL;
    enum servq_status st;
    size_t at = 0;

    memset(s, 0, sizeof *s);
    servq_reader_options_init(&o);
    o.max_field = max_field;
    if ((st = servq_reader_new(&o, count_limit_record, s, &r)) != SERVQ_OK)
        return st;
    servq_reader_set_message_fn(r, on_limit_message, s);
    while (st == SERVQ_OK && at < len) {
        size_t n = len - at < chunk ? len - at : chunk;
        st = servq_reader_feed(r, in + at, n);
        at += n;
    }
    if (st == SERVQ_OK)
        st = servq_reader_finish(r);
    servq_reader_free(r);
    if (fed)
        *fed = at;
    return st;
}

static void limit_case(const char *name, const char *in, size_t max_field, enum servq_status want,
                       unsigned long long line, unsigned long column)
{
    static const size_t chunks[] = {1, 2, 3, 7, 4096};
    struct limit_seen s;
    size_t i;

    for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        enum servq_status st = read_limited(in, strlen(in), chunks[i], max_field, &s, NULL);
        int good = st == want && (want == SERVQ_OK || (s.line == line && s.column == column &&
                                                       s.limit == SERVQ_LIMIT_FIELD_BYTES));
        if (!ok(good, "max_field: %s (chunks of %zu)", name, chunks[i]))
            printf("#   got status %d, line %llu, column %lu, limit %d\n", (int)st, s.line,
                   s.column, (int)s.limit);
    }
}

static void test_max_field(void)
{
    struct limit_seen s;
    size_t fed = 0, n = 1u << 20;
    char *huge = malloc(n + 16);

    limit_case("plain, at the limit", "ab,cd\nabc,d\n", 3, SERVQ_OK, 0, 0);
    limit_case("plain, one over", "ab,cd\nab,abcd,e\n", 3, SERVQ_ERR_LIMIT, 2, 2);
    limit_case("last field, no line end", "a\nabcd", 3, SERVQ_ERR_LIMIT, 2, 1);
    /* The limit is on the content: quotes and a doubled quote are not counted. */
    limit_case("quoted, content at the limit", "x,\"a\"\"b\"\n", 3, SERVQ_OK, 0, 0);
    limit_case("quoted, content one over", "x,\"a\"\"bc\"\n", 3, SERVQ_ERR_LIMIT, 1, 2);
    limit_case("quoted line breaks count", "\"a,b\",\"c\nde\"\n", 3, SERVQ_ERR_LIMIT, 1, 2);
    ok(read_limited("a\n", 2, 1, 0, &s, NULL) == SERVQ_ERR_ARG, "max_field 0 is refused");

    /*
     * A field far over the limit is refused while it is read, not after: in
     * chunks of 4 KiB, long before the 1 MiB are in.
     */
    memcpy(huge, "\"q,\"\"\",x,", 9);
    memset(huge + 9, 'x', n);
    ok(read_limited(huge, n + 9, 4096, 1000, &s, &fed) == SERVQ_ERR_LIMIT && fed <= 3 * 4096,
       "max_field: a 1 MiB field is refused after %zu bytes", fed);
    ok(s.line == 1 && s.column == 3, "max_field: ... at line 1, column 3 (got %llu, %lu)", s.line,
       s.column);
    free(huge);
}

/* What on_record prints for fields split by hand at each delim. */
static void expect_plain(struct servq_buf *b, unsigned long long number, const char *rec,
                         size_t n, char delim)
{
    size_t i, fields = 1;

    for (i = 0; i < n; i++)
        fields += rec[i] == delim;
    servq_buf_printf(b, "L%llu N%llu F%zu ", number, number, fields);
    for (i = 0; i < n; i++)
        servq_buf_addc(b, rec[i] == delim ? '|' : rec[i]);
    servq_buf_adds(b, " raw=");
    put_escaped(b, rec, n);
    servq_buf_addc(b, '\n');
}

/*
 * Records without quotes are split a block of bytes at a time: fields of
 * every length from 0 to 20, so delimiters fall at every offset in a
 * block, at its ends and in runs, and records of up to 600 bytes.
 */
static void test_plain_blocks(void)
{
    static const char delims[] = {',', ';', '\t', '|'};
    uint64_t seed = 42;
    size_t d, r, f;

    for (d = 0; d < sizeof delims; d++) {
        struct servq_buf in, want;
        struct rcase tc = {"blocks", NULL, 0, delims[d], 0, 0, 0, SERVQ_OK, NULL};
        struct collect c;
        size_t two[1];
        enum servq_status st;

        servq_buf_init(&in);
        servq_buf_init(&want);
        for (r = 1; r <= 300; r++) {
            size_t start = in.len, n_fields = 1 + (size_t)(seed >> 33) % 30;
            for (f = 0; f < n_fields; f++) {
                size_t k, len;
                seed = seed * 6364136223846793005u + 1442695040888963407u;
                len = (size_t)(seed >> 40) % 21;
                if (n_fields == 1 && len == 0) /* a blank line is no record */
                    len = 1;
                if (f)
                    servq_buf_addc(&in, delims[d]);
                for (k = 0; k < len; k++)
                    servq_buf_addc(&in, (char)('a' + (k + r) % 26));
            }
            expect_plain(&want, r, in.data + start, in.len - start, delims[d]);
            servq_buf_addc(&in, '\n');
        }
        tc.in = in.data;
        two[0] = tc.len = in.len;
        st = run(&tc, two, 1, &c);
        ok(st == SERVQ_OK && strcmp(c.out.data, want.data) == 0 && !c.bad_nul,
           "plain records split in blocks, delimiter 0x%02X: 300 records as split by hand",
           (unsigned)delims[d]);
        servq_buf_release(&c.out);
        servq_buf_release(&in);
        servq_buf_release(&want);
    }
}

int main(void)
{
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
    test_api();
    test_huge_max_fields();
    test_max_field();
    test_plain_blocks();
    return tap_done();
}
