/*
 * Reading gap-analysis documents for people; see report-common-priv.h.
 */
#include "render/report-common-priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/json-priv.h"

/* What a text that is no JSON object looks like, by its first line. */
enum not_json {
    NJ_UNKNOWN = 0,
    NJ_TEXT_TABLE, /* servq gap-analysis --format text */
    NJ_GAPS_CSV,   /* servq gap-analysis --format csv */
    NJ_SCORES,     /* servq score */
    NJ_CANONICAL,  /* canonical responses (servq import) */
    NJ_CSV         /* any other CSV: a survey export? */
};

/* Whether field f[0..n) of a header (quotes and spaces around it dropped) is name. */
static int field_is(const char *f, size_t n, const char *name)
{
    size_t k = strlen(name);

    return n == k && memcmp(f, name, k) == 0;
}

static int field_ends(const char *f, size_t n, const char *tail)
{
    size_t k = strlen(tail);

    return n >= k && memcmp(f + n - k, tail, k) == 0;
}

/* The kind of CSV whose header is line[0..n), split at delim. */
static enum not_json csv_kind(const char *line, size_t n, char delim)
{
    int scope = 0, id = 0, dimension = 0, ep = 0, scores = 0;
    size_t i = 0;

    while (i <= n) {
        size_t j = i, a, b;
        while (j < n && line[j] != delim)
            j++;
        a = i;
        b = j;
        while (a < b && (line[a] == ' ' || line[a] == '"'))
            a++;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '"'))
            b--;
        scope |= field_is(line + a, b - a, "scope");
        id |= field_is(line + a, b - a, "id");
        dimension |= field_is(line + a, b - a, "dimension");
        ep |= b - a > 2 && (line[a] == 'E' || line[a] == 'P') && line[a + 1] == '_';
        scores |= field_is(line + a, b - a, "sq") || field_ends(line + a, b - a, "_gap");
        i = j + 1;
    }
    if (scope && id && dimension)
        return NJ_GAPS_CSV;
    if (scores)
        return NJ_SCORES;
    if (ep)
        return NJ_CANONICAL;
    return NJ_CSV;
}

/*
 * What json[0..len) is when it does not start as a JSON object or array
 * would: the text table or the CSV of another servq command, or CSV.
 */
static enum not_json not_json_kind(const char *json, size_t len)
{
    static const char table[] = "servq gap analysis";
    const char *p = json, *end = json + len, *eol, *q;
    size_t commas = 0, semis = 0, tabs = 0;
    int quoted = 0;

    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    if (p == end || *p == '{' || *p == '[')
        return NJ_UNKNOWN;
    eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
        eol = end;
    if (eol > p && eol[-1] == '\r')
        eol--;
    if ((size_t)(eol - p) >= sizeof table - 1 && strncmp(p, table, sizeof table - 1) == 0)
        return NJ_TEXT_TABLE;
    for (q = p; q < eol; q++) {
        if (*q == '"')
            quoted = !quoted;
        else if (!quoted) {
            commas += *q == ',';
            semis += *q == ';';
            tabs += *q == '\t';
        }
    }
    if (commas == 0 && semis == 0 && tabs == 0)
        return NJ_UNKNOWN;
    return csv_kind(p, (size_t)(eol - p),
                    commas >= semis && commas >= tabs ? ','
                    : semis >= tabs                   ? ';'
                                                      : '\t');
}

static const char *not_json_message(enum not_json kind)
{
    switch (kind) {
    case NJ_TEXT_TABLE:
        return "this looks like the text table of servq gap-analysis --format text, not a "
               "gap-analysis document; run servq gap-analysis without --format";
    case NJ_GAPS_CSV:
        return "this looks like the CSV of servq gap-analysis --format csv, not a gap-analysis "
               "document; run servq gap-analysis without --format";
    case NJ_SCORES:
        return "this looks like CSV (scores from servq score?), not a gap-analysis document; "
               "run servq gap-analysis on the responses instead";
    case NJ_CANONICAL:
        return "this looks like CSV (canonical responses?), not a gap-analysis document; run "
               "servq gap-analysis first";
    case NJ_CSV:
        return "this looks like CSV (a survey export?), not a gap-analysis document; run servq "
               "import and servq gap-analysis first";
    case NJ_UNKNOWN:
        break;
    }
    return NULL;
}

/* What to do with a document of another schema that servq writes, or NULL. */
static const char *schema_hint(const cJSON *root)
{
    static const struct {
        const char *prefix, *hint;
    } hints[] = {
        {"servq.gap-analysis-state/", "run servq merge on the states first"},
        {"servq.import-stats/", "give it with --import-stats"},
    };
    const cJSON *schema =
        cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "schema") : NULL;
    size_t i;

    for (i = 0; cJSON_IsString(schema) && i < sizeof hints / sizeof *hints; i++)
        if (strncmp(schema->valuestring, hints[i].prefix, strlen(hints[i].prefix)) == 0)
            return hints[i].hint;
    return NULL;
}

enum servq_status servq_gaps_parse_at(const char *json, size_t len, unsigned long long line0,
                                      unsigned long column0, cJSON **out, char *err, size_t errlen)
{
    const char *seen = not_json_message(not_json_kind(json, len));
    struct servq_json j;
    enum servq_status st;
    cJSON *root;
    const cJSON *schema;
    const char *hint;

    if (seen) {
        if (err && errlen)
            snprintf(err, errlen, "%s", seen);
        return SERVQ_ERR_JSON;
    }
    /* Keys are not checked: a newer servq may add some (gap-analysis-json.md). */
    st = servq_json_load_at(&j, json, len, line0, column0, 0, err, errlen);
    root = st == SERVQ_OK ? servq_json_steal(&j) : NULL;
    servq_json_release(&j);
    if (st != SERVQ_OK)
        return st;
    schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, SERVQ_GAPS_SCHEMA) != 0) {
        servq_schema_error(root, SERVQ_GAPS_SCHEMA, err, errlen);
        hint = schema_hint(root);
        if (hint && err && errlen) {
            size_t used = strlen(err);
            snprintf(err + used, errlen - used, "; %s", hint);
        }
        cJSON_Delete(root);
        return SERVQ_ERR_SCHEMA;
    }
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "groups")) ||
        !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "instrument"))) {
        if (err && errlen)
            snprintf(err, errlen, "the document has no \"groups\" array or no \"instrument\"");
        cJSON_Delete(root);
        return SERVQ_ERR_SCHEMA;
    }
    *out = root;
    return SERVQ_OK;
}

enum servq_status servq_gaps_parse(const char *json, size_t len, cJSON **out, char *err,
                                   size_t errlen)
{
    return servq_gaps_parse_at(json, len, 1, 1, out, err, errlen);
}

const cJSON *servq_jget(const cJSON *o, const char *name)
{
    return o ? cJSON_GetObjectItemCaseSensitive(o, name) : NULL;
}

double servq_jnum(const cJSON *o, const char *name)
{
    const cJSON *v = servq_jget(o, name);

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

const char *servq_jstr(const cJSON *o, const char *name)
{
    const cJSON *v = servq_jget(o, name);

    return cJSON_IsString(v) ? v->valuestring : "";
}

int servq_jtrue(const cJSON *o, const char *name)
{
    return cJSON_IsTrue(servq_jget(o, name));
}

const char *servq_localized(const cJSON *names, const char *lang, const char *fallback)
{
    const cJSON *v = NULL;
    char code[3] = "en";

    if (lang && lang[0] && lang[1]) {
        code[0] = lang[0];
        code[1] = lang[1];
        v = servq_jget(names, code);
    }
    if (!cJSON_IsString(v))
        v = servq_jget(names, "en");
    return cJSON_IsString(v) ? v->valuestring : fallback;
}

const cJSON *servq_by_id(const cJSON *arr, const char *id)
{
    const cJSON *e;

    if (!cJSON_IsArray(arr))
        return NULL;
    cJSON_ArrayForEach(e, arr)
    {
        if (strcmp(servq_jstr(e, "id"), id) == 0)
            return e;
    }
    return NULL;
}

const char *servq_item_label(const cJSON *doc, const char *id, const char *lang)
{
    const cJSON *ins = servq_jget(doc, "instrument");
    const cJSON *it = servq_by_id(servq_jget(ins, "items"), id);

    return it ? servq_localized(servq_jget(it, "label"), lang, id) : id;
}

const char *servq_dim_name(const cJSON *doc, const char *id, const char *lang)
{
    const cJSON *ins = servq_jget(doc, "instrument");
    const cJSON *d = servq_by_id(servq_jget(ins, "dimensions"), id);

    return d ? servq_localized(servq_jget(d, "name"), lang, id) : id;
}

/* Bytes in the UTF-8 sequence that starts with c (1 for stray bytes). */
static size_t utf8_step(unsigned char c)
{
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

size_t servq_text_cols(const char *s, size_t n)
{
    size_t i = 0, cols = 0;

    while (i < n) {
        i += utf8_step((unsigned char)s[i]);
        cols++;
    }
    return cols;
}

enum servq_status servq_buf_add_padded(struct servq_buf *b, const char *s, size_t width,
                                       const char *ellipsis)
{
    size_t cols = 0, i = 0, n = strlen(s), keep = 0;

    while (i < n) {
        size_t step = utf8_step((unsigned char)s[i]);
        if (i + step > n)
            break;
        if (cols + 1 == width && i + step < n) {
            /* Too long: keep room for an ellipsis. */
            break;
        }
        i += step;
        cols++;
        keep = i;
    }
    if (servq_buf_add(b, s, keep) != SERVQ_OK)
        return SERVQ_ERR_NOMEM;
    if (keep < n) {
        if (servq_buf_adds(b, ellipsis) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        cols++;
    }
    for (; cols < width; cols++)
        if (servq_buf_addc(b, ' ') != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    return SERVQ_OK;
}

enum servq_status servq_buf_add_right(struct servq_buf *b, const char *s, size_t width)
{
    size_t cols = servq_text_cols(s, strlen(s));

    for (; cols < width; cols++)
        if (servq_buf_addc(b, ' ') != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
    return servq_buf_adds(b, s);
}

/*
 * snprintf's "%.*f" with whatever decimal point LC_NUMERIC gives (it may be
 * several bytes) replaced by mark, and "-0" cleaned to "0".
 */
static void fixed(char *out, size_t cap, double v, int decimals, char mark, int plus)
{
    char tmp[64];
    size_t i = 0, o = 0;
    int nonzero = 0;

    if (!isfinite(v)) {
        snprintf(out, cap, "-");
        return;
    }
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v + 0.0);
    if (tmp[0] == '-')
        i = 1;
    for (size_t k = i; tmp[k]; k++)
        if (tmp[k] >= '1' && tmp[k] <= '9')
            nonzero = 1;
    if (cap == 0)
        return;
    if (i == 1 && nonzero && o + 1 < cap)
        out[o++] = '-';
    else if (plus && nonzero && o + 1 < cap)
        out[o++] = '+';
    while (tmp[i] >= '0' && tmp[i] <= '9' && o + 1 < cap)
        out[o++] = tmp[i++];
    if (tmp[i] && o + 1 < cap) {
        out[o++] = mark;
        while (tmp[i] && (tmp[i] < '0' || tmp[i] > '9'))
            i++;
        while (tmp[i] && o + 1 < cap)
            out[o++] = tmp[i++];
    }
    out[o] = '\0';
}

void servq_fmt_num(char *out, size_t cap, double v, int decimals, char mark)
{
    fixed(out, cap, v, decimals, mark, 0);
}

void servq_fmt_signed(char *out, size_t cap, double v, int decimals, char mark)
{
    fixed(out, cap, v, decimals, mark, 1);
}

void servq_fmt_p(char *out, size_t cap, double p, char mark)
{
    if (!isfinite(p))
        snprintf(out, cap, "-");
    else if (p < 0.001)
        snprintf(out, cap, "<0%c001", mark);
    else
        fixed(out, cap, p, 3, mark, 0);
}

const char *servq_p_adj_heading(const cJSON *doc)
{
    const char *adjust = servq_jstr(servq_jget(doc, "options"), "adjust");

    if (strcmp(adjust, "bh") == 0)
        return "p(BH)";
    if (strcmp(adjust, "none") == 0)
        return "p";
    return "p(Holm)";
}

void servq_fmt_ci(char *out, size_t cap, const cJSON *o, char mark)
{
    const cJSON *ci = servq_jget(o, "ci");
    const cJSON *a, *z;
    char lo[32], hi[32];

    if (!cJSON_IsArray(ci) || cJSON_GetArraySize(ci) != 2 ||
        !cJSON_IsNumber(a = cJSON_GetArrayItem(ci, 0)) ||
        !cJSON_IsNumber(z = cJSON_GetArrayItem(ci, 1))) {
        snprintf(out, cap, "-");
        return;
    }
    fixed(lo, sizeof lo, a->valuedouble, 2, mark, 0);
    fixed(hi, sizeof hi, z->valuedouble, 2, mark, 0);
    snprintf(out, cap, "[%s%s %s]", lo, mark == ',' ? ";" : ",", hi);
}
