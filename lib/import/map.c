/*
 * Maps ("servq.map/1"): which column of an export is which item and
 * measure, and how to read the export. The format is described in
 * docs/map.md. Parsing compiles every regular expression once, so a bad
 * one is reported when the map is loaded, not on the first row.
 */
#include "import/map-priv.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/dialect-priv.h"
#include "model/instrument-priv.h"
#include "common/json-priv.h"
#include "common/util-priv.h"

struct map_ctx {
    char *err;
    size_t errlen;
    size_t max_labels;
    const struct servq_json *j; /* the map's text, for the places of keys */
};

/*
 * The keys each object of a map may have. "description" is for people;
 * "unmapped" lists what servq import --suggest-map could not place.
 */
static const char *const root_keys[] = {
    "schema",    "instrument", "dialect", "encoding", "delimiter", "decimal",     "header_rows",
    "skip_rows", "complete",   "na",      "labels",   "id",        "date",        "weight",
    "role",      "segments",   "columns", "ignore",   "unmapped",    "description", NULL};
static const char *const reserved_keys[] = {"column", "match", "ignore_case", "optional",
                                            "format", NULL};
static const char *const segment_keys[] = {"column", "match", "ignore_case", "optional", "as",
                                           NULL};
static const char *const ignore_keys[] = {"column", "match", "ignore_case", NULL};
static const char *const rule_keys[] = {"column",  "match", "ignore_case", "optional",
                                        "expanded", "item", "measure",     "importance",
                                        "extra",    NULL};
static const char *const label_keys[] = {"text", "value", "points", NULL};

static enum servq_status fail(struct map_ctx *c, enum servq_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum servq_status fail(struct map_ctx *c, enum servq_status st, const char *fmt, ...)
{
    va_list ap;

    if (c->err && c->errlen && !c->err[0]) {
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    return st;
}

static void rule_release(struct servq_map_rule *r)
{
    free(r->column);
    if (r->pattern)
        regfree(&r->re);
    free(r->pattern);
    free(r->target_id);
    free(r->as);
    free(r->format);
}

void servq_map_free(struct servq_map *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->n_rules; i++)
        rule_release(&m->rules[i]);
    free(m->rules);
    for (i = 0; i < m->n_labels; i++)
        free(m->labels[i].text);
    free(m->labels);
    for (i = 0; i < m->n_na; i++)
        free(m->na[i]);
    free(m->na);
    free(m->instrument_path);
    servq_instrument_free(m->instrument);
    free(m->encoding);
    free(m);
}

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* Fails on the first key of o that is not in known; what names o. */
static enum servq_status known_keys(struct map_ctx *c, const cJSON *o, const char *const *known,
                                    const char *what)
{
    char msg[512];

    if (!servq_json_check_keys(c->j, o, known, NULL, what, msg, sizeof msg))
        return SERVQ_OK;
    return fail(c, SERVQ_ERR_INSTRUMENT, "%s", msg);
}

/* Reads the optional boolean key of o into *out (false when absent); what names o, or is NULL. */
static enum servq_status parse_bool(struct map_ctx *c, const cJSON *o, const char *key,
                                    const char *what, int *out)
{
    const cJSON *v = get(o, key);

    if (v && !cJSON_IsBool(v))
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s%s\"%s\" must be true or false", what ? what : "",
                    what ? ": " : "", key);
    *out = cJSON_IsTrue(v);
    return SERVQ_OK;
}

static enum servq_status dup_string(struct map_ctx *c, const cJSON *v, const char *what, char **out)
{
    if (!cJSON_IsString(v) || !v->valuestring[0])
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s must be a non-empty string", what);
    *out = servq_strdup(v->valuestring);
    return *out ? SERVQ_OK : SERVQ_ERR_NOMEM;
}

static enum servq_status parse_char(struct map_ctx *c, const cJSON *v, const char *what,
                                    const char *allowed, char *out)
{
    const char *s;

    if (!v)
        return SERVQ_OK;
    if (!cJSON_IsString(v))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"%s\" must be a string", what);
    s = v->valuestring;
    if (strcmp(s, "tab") == 0 || strcmp(s, "\t") == 0)
        s = "\t";
    if (strlen(s) != 1 || !strchr(allowed, s[0]))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"%s\" must be one of %s", what,
                    strchr(allowed, '\t') ? "\",\", \";\", \"tab\", \"|\"" : "\".\", \",\"");
    *out = s[0];
    return SERVQ_OK;
}

static enum servq_status parse_uint(struct map_ctx *c, const cJSON *v, const char *what,
                                    unsigned max, unsigned *out)
{
    if (!v)
        return SERVQ_OK;
    if (!servq_json_whole(v, 0, max))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"%s\" must be a whole number from 0 to %u", what,
                    max);
    *out = (unsigned)v->valuedouble;
    return SERVQ_OK;
}

static int parse_measure(const char *s, enum servq_measure *m)
{
    static const char *const names[SERVQ_MEASURE_COUNT] = {"E", "P", "A", "D"};
    int i;

    for (i = 0; i < SERVQ_MEASURE_COUNT; i++)
        if (strcmp(s, names[i]) == 0) {
            *m = (enum servq_measure)i;
            return 0;
        }
    return -1;
}

/* Limits on a map's regular expressions (see regex_problem()). */
#define MAX_PATTERN 512
#define MAX_QUANTIFIERS 32
#define MAX_GROUP_DEPTH 8
#define MAX_BOUND 100

/*
 * glibc's regcomp copies a quantified subexpression once per repetition,
 * so stacked or large repetitions ("a+++++...", "a{1000}") can take
 * gigabytes before matching even starts. Column names need none of that:
 * refuse such patterns with a reason instead. Returns NULL when fine.
 */
static const char *regex_problem(const char *p)
{
    size_t n = strlen(p), quantifiers = 0, i;
    int depth = 0, after_quantifier = 0;

    if (n > MAX_PATTERN)
        return "longer than 512 bytes";
    for (i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == '\\' && i + 1 < n) {
            i++;
            after_quantifier = 0;
            continue;
        }
        if (ch == '[') {
            /* A bracket expression: its *, + and ? are plain characters. */
            i++;
            if (i < n && p[i] == '^')
                i++;
            if (i < n && p[i] == ']')
                i++;
            while (i < n && p[i] != ']')
                i++;
            after_quantifier = 0;
            continue;
        }
        if (ch == '*' || ch == '+' || ch == '?' || ch == '{') {
            if (after_quantifier)
                return "a repetition of a repetition";
            if (++quantifiers > MAX_QUANTIFIERS)
                return "more than 32 repetitions";
            if (ch == '{') {
                long bound = 0;
                for (i++; i < n && p[i] != '}'; i++)
                    if (p[i] >= '0' && p[i] <= '9') {
                        bound = bound * 10 + (p[i] - '0');
                        if (bound > MAX_BOUND)
                            return "a repetition count above 100";
                    } else {
                        bound = 0;
                    }
            }
            after_quantifier = 1;
            continue;
        }
        after_quantifier = 0;
        if (ch == '(' && ++depth > MAX_GROUP_DEPTH)
            return "groups nested more than 8 deep";
        if (ch == ')' && depth > 0)
            depth--;
    }
    return NULL;
}

/*
 * Fills the column selector of r from "column"/"match" (or a plain string),
 * with "optional" and "expanded"; known lists the keys the object may have.
 */
static enum servq_status parse_selector(struct map_ctx *c, const cJSON *v, const char *what,
                                        const char *const *known, struct servq_map_rule *r)
{
    const cJSON *col, *match;
    const char *problem;
    int flags = REG_EXTENDED | REG_NOSUB, rc, icase = 0;
    enum servq_status st;
    char buf[256];

    if (cJSON_IsString(v))
        return dup_string(c, v, what, &r->column);
    if (!cJSON_IsObject(v))
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s must be a column name or an object", what);
    if ((st = known_keys(c, v, known, what)) != SERVQ_OK ||
        (st = parse_bool(c, v, "optional", what, &r->optional)) != SERVQ_OK ||
        (st = parse_bool(c, v, "expanded", what, &r->expanded)) != SERVQ_OK ||
        (st = parse_bool(c, v, "ignore_case", what, &icase)) != SERVQ_OK)
        return st;
    col = get(v, "column");
    match = get(v, "match");
    if (!!col == !!match)
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s needs exactly one of \"column\" and \"match\"",
                    what);
    if (col && get(v, "ignore_case"))
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "%s: \"ignore_case\" goes with \"match\", not \"column\"", what);
    if (col)
        return dup_string(c, col, what, &r->column);
    if (dup_string(c, match, what, &r->pattern) != SERVQ_OK)
        return SERVQ_ERR_INSTRUMENT;
    if (icase)
        flags |= REG_ICASE;
    /* Capture groups feed "$1" templates, so keep them unless none is used. */
    if (strchr(r->pattern, '('))
        flags &= ~REG_NOSUB;
    if ((problem = regex_problem(r->pattern)) != NULL) {
        free(r->pattern);
        r->pattern = NULL;
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s: regular expression too complex: %s", what,
                    problem);
    }
    rc = regcomp(&r->re, r->pattern, flags);
    if (rc != 0) {
        regerror(rc, &r->re, buf, sizeof buf);
        free(r->pattern);
        r->pattern = NULL;
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s: bad regular expression: %s", what, buf);
    }
    return SERVQ_OK;
}

static enum servq_status add_rule(struct map_ctx *c, struct servq_map *m,
                                  struct servq_map_rule **out)
{
    struct servq_map_rule *t;

    /* A fixed format maximum, not a limit the caller sets (SERVQ_ERR_LIMIT). */
    if (m->n_rules >= SERVQ_MAP_MAX_RULES)
        return fail(c, SERVQ_ERR_INSTRUMENT, "more than %d column rules", SERVQ_MAP_MAX_RULES);
    t = realloc(m->rules, (m->n_rules + 1) * sizeof *t);
    if (!t)
        return SERVQ_ERR_NOMEM;
    m->rules = t;
    *out = &m->rules[m->n_rules];
    memset(*out, 0, sizeof **out);
    (*out)->index = m->n_rules++;
    return SERVQ_OK;
}

/* "id", "date", "weight", "role": one selector each. */
static enum servq_status parse_reserved(struct map_ctx *c, struct servq_map *m, const cJSON *root,
                                        const char *key, enum servq_map_target t)
{
    const cJSON *v = get(root, key), *fmt;
    struct servq_map_rule *r;
    enum servq_status st;
    char what[64], why[160];

    if (!v)
        return SERVQ_OK;
    if ((st = add_rule(c, m, &r)) != SERVQ_OK)
        return st;
    r->target = t;
    snprintf(what, sizeof what, "\"%s\"", key);
    if ((st = parse_selector(c, v, what, reserved_keys, r)) != SERVQ_OK)
        return st;
    fmt = cJSON_IsObject(v) ? get(v, "format") : NULL;
    if (fmt) {
        if (t != SERVQ_MAP_DATE)
            return fail(c, SERVQ_ERR_INSTRUMENT, "%s: only \"date\" takes a \"format\"", what);
        if ((st = dup_string(c, fmt, "\"date\" \"format\"", &r->format)) != SERVQ_OK)
            return st;
        if (strlen(r->format) > SERVQ_MAP_MAX_FORMAT)
            return fail(c, SERVQ_ERR_INSTRUMENT, "\"date\" \"format\" is too long");
        if (servq_date_format_check(r->format, why, sizeof why) != SERVQ_OK)
            return fail(c, SERVQ_ERR_INSTRUMENT, "\"date\" \"format\" '%s': %s", r->format,
                        why);
    }
    return SERVQ_OK;
}

/*
 * "segments" (columns carried along) or "ignore" (columns never mapped by
 * name, and never missed: a selector that selects nothing is no error).
 */
static enum servq_status parse_segments(struct map_ctx *c, struct servq_map *m, const cJSON *arr,
                                        enum servq_map_target t)
{
    const char *key = t == SERVQ_MAP_IGNORE ? "ignore" : "segments";
    const cJSON *e;
    struct servq_map_rule *r;
    enum servq_status st;
    char what[64];
    size_t i = 0;

    if (!arr)
        return SERVQ_OK;
    if (!cJSON_IsArray(arr))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"%s\" must be an array", key);
    cJSON_ArrayForEach(e, arr)
    {
        snprintf(what, sizeof what, "%s %zu", t == SERVQ_MAP_IGNORE ? "ignore" : "segment", ++i);
        if ((st = add_rule(c, m, &r)) != SERVQ_OK)
            return st;
        r->target = t;
        if ((st = parse_selector(c, e, what, t == SERVQ_MAP_IGNORE ? ignore_keys : segment_keys,
                                 r)) != SERVQ_OK)
            return st;
        /* A column to ignore that the file lacks is no error. */
        if (t == SERVQ_MAP_IGNORE)
            r->optional = 1;
        if (t == SERVQ_MAP_SEGMENT && cJSON_IsObject(e) && get(e, "as") &&
            (st = dup_string(c, get(e, "as"), "a segment's \"as\"", &r->as)) != SERVQ_OK)
            return st;
    }
    return SERVQ_OK;
}

static enum servq_status parse_column_rule(struct map_ctx *c, struct servq_map *m, const cJSON *e,
                                           size_t i)
{
    const cJSON *item = get(e, "item"), *imp = get(e, "importance"), *extra = get(e, "extra");
    const cJSON *measure = get(e, "measure");
    struct servq_map_rule *r;
    enum servq_status st;
    char what[64];

    snprintf(what, sizeof what, "\"columns\" entry %zu", i);
    if (!cJSON_IsObject(e))
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s must be an object", what);
    if ((st = add_rule(c, m, &r)) != SERVQ_OK)
        return st;
    if ((st = parse_selector(c, e, what, rule_keys, r)) != SERVQ_OK)
        return st;
    if (!!item + !!imp + !!extra != 1)
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "%s needs exactly one of \"item\", \"importance\" and \"extra\"", what);
    if (measure && !item)
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s: \"measure\" goes with \"item\" only", what);
    if (item) {
        r->target = SERVQ_MAP_MEASURE;
        if (!cJSON_IsString(measure) || parse_measure(measure->valuestring, &r->measure) != 0)
            return fail(c, SERVQ_ERR_INSTRUMENT,
                        "%s: \"measure\" must be \"E\", \"P\", \"A\" or \"D\"", what);
        return dup_string(c, item, what, &r->target_id);
    }
    r->target = imp ? SERVQ_MAP_IMPORTANCE : SERVQ_MAP_EXTRA;
    return dup_string(c, imp ? imp : extra, what, &r->target_id);
}

static enum servq_status parse_columns(struct map_ctx *c, struct servq_map *m, const cJSON *arr)
{
    const cJSON *e;
    enum servq_status st;
    size_t i = 0;

    if (!cJSON_IsArray(arr))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"columns\" must be an array of rules");
    cJSON_ArrayForEach(e, arr)
    {
        if ((st = parse_column_rule(c, m, e, ++i)) != SERVQ_OK)
            return st;
    }
    return SERVQ_OK;
}

static enum servq_status add_label(struct map_ctx *c, struct servq_map *m, const char *text,
                                   const cJSON *value, int points)
{
    struct servq_map_label *t, *l;

    if (m->n_labels >= c->max_labels)
        return fail(c, SERVQ_ERR_LIMIT, "more than %zu answer labels", c->max_labels);
    if (!text[0] || strlen(text) > 256)
        return fail(c, SERVQ_ERR_INSTRUMENT, "a label must have 1 to 256 bytes");
    if (!cJSON_IsNull(value) &&
        !servq_json_whole(value, -1000, 1000))
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "label '%.64s': the value must be a whole number or null (missing)", text);
    t = realloc(m->labels, (m->n_labels + 1) * sizeof *t);
    if (!t)
        return SERVQ_ERR_NOMEM;
    m->labels = t;
    l = &m->labels[m->n_labels];
    l->text = servq_strdup(text);
    if (!l->text)
        return SERVQ_ERR_NOMEM;
    l->points = points;
    l->missing = cJSON_IsNull(value);
    l->value = l->missing ? 0 : (int)value->valuedouble;
    m->n_labels++;
    return SERVQ_OK;
}

/* {"A lot": 4, "Unfamiliar (N/A)": null} or [{"text":..,"value":..,"points":..}]. */
static enum servq_status parse_labels(struct map_ctx *c, struct servq_map *m, const cJSON *v)
{
    const cJSON *e;
    enum servq_status st;
    unsigned points;
    size_t i = 0;

    if (!v)
        return SERVQ_OK;
    if (cJSON_IsObject(v)) {
        cJSON_ArrayForEach(e, v)
        {
            if ((st = add_label(c, m, e->string, e, 0)) != SERVQ_OK)
                return st;
        }
        return SERVQ_OK;
    }
    if (!cJSON_IsArray(v))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"labels\" must be an object or an array");
    cJSON_ArrayForEach(e, v)
    {
        const cJSON *text = get(e, "text");
        char what[64];
        points = 0;
        snprintf(what, sizeof what, "\"labels\" entry %zu", ++i);
        if ((st = known_keys(c, e, label_keys, what)) != SERVQ_OK)
            return st;
        if (!cJSON_IsString(text) || !get(e, "value"))
            return fail(c, SERVQ_ERR_INSTRUMENT, "each label needs \"text\" and \"value\"");
        if ((st = parse_uint(c, get(e, "points"), "points", SERVQ_MAX_SCALE_POINTS, &points)) !=
            SERVQ_OK)
            return st;
        if ((st = add_label(c, m, text->valuestring, get(e, "value"), (int)points)) != SERVQ_OK)
            return st;
    }
    return SERVQ_OK;
}

static enum servq_status parse_na(struct map_ctx *c, struct servq_map *m, const cJSON *v)
{
    const cJSON *e;
    char tmp[64];
    size_t n;

    if (!v)
        return SERVQ_OK;
    if (!cJSON_IsArray(v) || (n = (size_t)cJSON_GetArraySize(v)) > SERVQ_MAP_MAX_NA)
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"na\" must be an array of at most %d codes",
                    SERVQ_MAP_MAX_NA);
    m->na = calloc(n ? n : 1, sizeof *m->na);
    if (!m->na)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, v)
    {
        if (servq_json_whole(e, -1e15, 1e15))
            snprintf(tmp, sizeof tmp, "%.0f", e->valuedouble);
        else if (cJSON_IsString(e) && e->valuestring[0] && strlen(e->valuestring) < sizeof tmp)
            snprintf(tmp, sizeof tmp, "%s", e->valuestring);
        else
            return fail(c, SERVQ_ERR_INSTRUMENT,
                        "\"na\" codes must be whole numbers or short "
                        "strings");
        m->na[m->n_na] = servq_strdup(tmp);
        if (!m->na[m->n_na])
            return SERVQ_ERR_NOMEM;
        m->n_na++;
    }
    return SERVQ_OK;
}

static enum servq_status parse_instrument(struct map_ctx *c, struct servq_map *m, const cJSON *v)
{
    char err[512];
    enum servq_status st;

    if (!v)
        return SERVQ_OK;
    if (cJSON_IsString(v))
        return dup_string(c, v, "\"instrument\"", &m->instrument_path);
    if (!cJSON_IsObject(v))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"instrument\" must be a path or an instrument");
    st = servq_instrument_from_json(c->j, v, "embedded instrument: ", &m->instrument, err,
                                    sizeof err);
    if (st != SERVQ_OK)
        return fail(c, st == SERVQ_ERR_NOMEM ? st : SERVQ_ERR_INSTRUMENT, "%s", err);
    return SERVQ_OK;
}

static enum servq_status parse_root(struct map_ctx *c, struct servq_map *m, const cJSON *root)
{
    const cJSON *schema = get(root, "schema"), *v;
    enum servq_status st;

    if (!cJSON_IsObject(root))
        return fail(c, SERVQ_ERR_SCHEMA, "a map is a JSON object");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, "servq.map/1") != 0) {
        servq_schema_error(root, "servq.map/1", c->err, c->errlen);
        return SERVQ_ERR_SCHEMA;
    }
    if ((st = known_keys(c, root, root_keys, "the map")) != SERVQ_OK ||
        (st = parse_instrument(c, m, get(root, "instrument"))) != SERVQ_OK)
        return st;
    if ((v = get(root, "dialect")) != NULL &&
        (!cJSON_IsString(v) || servq_dialect_parse(v->valuestring, &m->dialect) != SERVQ_OK))
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "\"dialect\" must be one of auto, generic, "
                    "qualtrics, surveymonkey, googleforms, limesurvey");
    if ((v = get(root, "encoding")) != NULL &&
        (st = dup_string(c, v, "\"encoding\"", &m->encoding)) != SERVQ_OK)
        return st;
    if ((st = parse_char(c, get(root, "delimiter"), "delimiter", ",;\t|", &m->delimiter)) !=
            SERVQ_OK ||
        (st = parse_char(c, get(root, "decimal"), "decimal", ".,", &m->decimal)) != SERVQ_OK ||
        (st = parse_uint(c, get(root, "header_rows"), "header_rows", SERVQ_MAX_HEADER_ROWS,
                         &m->header_rows)) != SERVQ_OK ||
        (st = parse_uint(c, get(root, "skip_rows"), "skip_rows", 1000, &m->skip_rows)) != SERVQ_OK)
        return st;
    if ((st = parse_bool(c, root, "complete", NULL, &m->complete)) != SERVQ_OK)
        return st;
    if ((st = parse_na(c, m, get(root, "na"))) != SERVQ_OK ||
        (st = parse_labels(c, m, get(root, "labels"))) != SERVQ_OK ||
        (st = parse_reserved(c, m, root, "id", SERVQ_MAP_ID)) != SERVQ_OK ||
        (st = parse_reserved(c, m, root, "date", SERVQ_MAP_DATE)) != SERVQ_OK ||
        (st = parse_reserved(c, m, root, "weight", SERVQ_MAP_WEIGHT)) != SERVQ_OK ||
        (st = parse_reserved(c, m, root, "role", SERVQ_MAP_ROLE)) != SERVQ_OK ||
        (st = parse_segments(c, m, get(root, "segments"), SERVQ_MAP_SEGMENT)) != SERVQ_OK)
        return st;
    if (!get(root, "columns"))
        return fail(c, SERVQ_ERR_INSTRUMENT, "a map needs \"columns\"");
    if ((st = parse_columns(c, m, get(root, "columns"))) != SERVQ_OK)
        return st;
    /* After every other rule, so that it takes only the columns they leave. */
    return parse_segments(c, m, get(root, "ignore"), SERVQ_MAP_IGNORE);
}

void servq_map_options_init(struct servq_map_options *o)
{
    o->max_labels = SERVQ_DEFAULT_MAX_LABELS;
}

enum servq_status servq_map_parse(const char *json, size_t len, struct servq_map **out, char *err,
                                  size_t errlen)
{
    return servq_map_parse_opts(json, len, NULL, out, err, errlen);
}

enum servq_status servq_map_parse_opts(const char *json, size_t len,
                                       const struct servq_map_options *o, struct servq_map **out,
                                       char *err, size_t errlen)
{
    struct map_ctx c = {err, errlen, SERVQ_DEFAULT_MAX_LABELS, NULL};
    struct servq_map *m = NULL;
    struct servq_json j = {0};
    enum servq_status st = SERVQ_OK;

    if (err && errlen)
        err[0] = '\0';
    if (!json || !out || (o && o->max_labels == 0))
        return SERVQ_ERR_ARG;
    if (o)
        c.max_labels = o->max_labels;
    c.j = &j;
    SERVQ_TRY(servq_json_load(&j, json, len, 0, err, errlen));
    m = calloc(1, sizeof *m);
    if (!m) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    SERVQ_TRY(parse_root(&c, m, j.root));
    *out = m;
    m = NULL;
cleanup:
    if (st == SERVQ_ERR_NOMEM)
        fail(&c, st, "out of memory");
    servq_map_free(m);
    servq_json_release(&j);
    return st;
}

const char *servq_map_instrument_path(const struct servq_map *m)
{
    return m->instrument_path;
}

const struct servq_instrument *servq_map_instrument(const struct servq_map *m)
{
    return m->instrument;
}

const char *servq_map_encoding(const struct servq_map *m)
{
    return m->encoding;
}

char servq_map_delimiter(const struct servq_map *m)
{
    return m->delimiter;
}

char servq_map_decimal(const struct servq_map *m)
{
    return m->decimal;
}

enum servq_dialect servq_map_dialect(const struct servq_map *m)
{
    return m->dialect;
}
