/*
 * The instrument model: parsing "servq.instrument/1" JSON and accessors.
 */
#include "model/instrument-priv.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json-priv.h"
#include "common/util-priv.h"

static const char *const lang_codes[SERVQ_LANG_COUNT] = {"en", "es", "pt", "ru"};
static const char *const measure_names[SERVQ_MEASURE_COUNT] = {"E", "P", "A", "D"};

int servq_lang_from_code(const char *code)
{
    int i;

    if (!code)
        return -1;
    for (i = 0; i < SERVQ_LANG_COUNT; i++) {
        const char *c = lang_codes[i];
        if ((code[0] | 0x20) == c[0] && (code[1] | 0x20) == c[1] &&
            (code[2] == '\0' || code[2] == '-' || code[2] == '_' || code[2] == '.'))
            return i;
    }
    return -1;
}

const char *servq_i18n_get(const struct servq_i18n *t, const char *lang, const char *fallback)
{
    int l = servq_lang_from_code(lang);

    if (l >= 0 && t->text[l])
        return t->text[l];
    if (t->text[SERVQ_LANG_EN])
        return t->text[SERVQ_LANG_EN];
    return fallback;
}

const char *servq_measure_name(enum servq_measure m)
{
    return (unsigned)m < SERVQ_MEASURE_COUNT ? measure_names[m] : "?";
}

static void i18n_release(struct servq_i18n *t)
{
    int i;

    for (i = 0; i < SERVQ_LANG_COUNT; i++)
        free(t->text[i]);
}

void servq_instrument_free(struct servq_instrument *ins)
{
    size_t i;

    if (!ins)
        return;
    for (i = 0; i < ins->n_items; i++) {
        free(ins->items[i].id);
        i18n_release(&ins->items[i].label);
        i18n_release(&ins->items[i].text);
    }
    for (i = 0; i < ins->n_dims; i++) {
        free(ins->dims[i].id);
        i18n_release(&ins->dims[i].name);
    }
    for (i = 0; i < ins->n_extras; i++) {
        free(ins->extras[i].id);
        i18n_release(&ins->extras[i].label);
    }
    free(ins->items);
    free(ins->dims);
    free(ins->extras);
    i18n_release(&ins->name);
    free(ins->id);
    free(ins);
}

/*
 * Parsing context: the reason for the first failure goes to err, after
 * prefix (an instrument inside a map says so). j has the places of keys.
 */
struct parse_ctx {
    char *err;
    size_t errlen;
    const struct servq_json *j;
    const char *prefix;
};

/* The keys each object of an instrument may have. */
static const char *const root_keys[] = {"schema",     "id",    "name",   "source",
                                        "scale",      "measures", "importance",
                                        "dimensions", "items", "extras", NULL};
static const char *const dimension_keys[] = {"id", "name", NULL};
static const char *const item_keys[] = {"id",   "dimension", "label",
                                        "text", "reverse",   "scale", NULL};
static const char *const extra_keys[] = {"id", "type", "label", "scale", NULL};
static const char *const scale_keys[] = {"min", "max", NULL};

static enum servq_status fail(struct parse_ctx *c, enum servq_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum servq_status fail(struct parse_ctx *c, enum servq_status st, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    if (c->err && c->errlen) {
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(c->err, c->errlen, "%s%s", c->prefix ? c->prefix : "", msg);
    }
    return st;
}

/* Fails on the first key of o that is not in known; what names o. */
static enum servq_status known_keys(struct parse_ctx *c, const cJSON *o, const char *const *known,
                                    const char *what)
{
    char msg[512];

    if (!servq_json_check_keys(c->j, o, known, c->prefix, what, msg, sizeof msg))
        return SERVQ_OK;
    if (c->err && c->errlen)
        snprintf(c->err, c->errlen, "%s", msg);
    return SERVQ_ERR_INSTRUMENT;
}

static int valid_id(const char *s)
{
    size_t n = strlen(s), i;

    if (n == 0 || n > SERVQ_MAX_ID_LEN)
        return 0;
    for (i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-' || ch == '.'))
            return 0;
    }
    return 1;
}

/*
 * Names the n-th (from 1) object of a kind for a message: by its id when it
 * has a valid one (item "q3"), else by its place in the list (item 3).
 */
static const char *owner_name(char *buf, size_t cap, const char *kind, const cJSON *obj, size_t n)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");

    if (cJSON_IsString(id) && valid_id(id->valuestring))
        snprintf(buf, cap, "%s \"%s\"", kind, id->valuestring);
    else
        snprintf(buf, cap, "%s %zu", kind, n);
    return buf;
}

static enum servq_status parse_id(struct parse_ctx *c, const cJSON *obj, const char *what,
                                  char **out)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");

    if (!cJSON_IsString(id))
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s without a string \"id\"", what);
    if (!valid_id(id->valuestring))
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "%s id '%.64s' must be 1-%d letters, digits, '_', '-' or '.'", what,
                    id->valuestring, SERVQ_MAX_ID_LEN);
    *out = servq_strdup(id->valuestring);
    return *out ? SERVQ_OK : SERVQ_ERR_NOMEM;
}

/* Accepts {"en": "...", ...} or a plain string (taken as English). */
static enum servq_status parse_i18n(struct parse_ctx *c, const cJSON *v, const char *what,
                                    struct servq_i18n *out)
{
    const cJSON *e;

    if (!v)
        return SERVQ_OK;
    if (cJSON_IsString(v)) {
        out->text[SERVQ_LANG_EN] = servq_strdup(v->valuestring);
        return out->text[SERVQ_LANG_EN] ? SERVQ_OK : SERVQ_ERR_NOMEM;
    }
    if (!cJSON_IsObject(v))
        return fail(c, SERVQ_ERR_INSTRUMENT, "%s must be a string or an object of languages",
                    what);
    cJSON_ArrayForEach(e, v)
    {
        int l = servq_lang_from_code(e->string);
        if (!cJSON_IsString(e))
            return fail(c, SERVQ_ERR_INSTRUMENT, "%s in '%.16s' must be a string", what,
                        e->string);
        if (l < 0 || out->text[l])
            continue;
        out->text[l] = servq_strdup(e->valuestring);
        if (!out->text[l])
            return SERVQ_ERR_NOMEM;
    }
    return SERVQ_OK;
}

/* what names the scale's owner in old messages ("q1"), owner in new ones ("item \"q1\""). */
static enum servq_status parse_scale(struct parse_ctx *c, const cJSON *v, const char *what,
                                     const char *owner, int *min, int *max)
{
    const cJSON *lo, *hi;
    char in[128];
    enum servq_status st;

    if (!v)
        return SERVQ_OK;
    snprintf(in, sizeof in, "the \"scale\" of %s", owner);
    if ((st = known_keys(c, v, scale_keys, in)) != SERVQ_OK)
        return st;
    lo = cJSON_GetObjectItemCaseSensitive(v, "min");
    hi = cJSON_GetObjectItemCaseSensitive(v, "max");
    /* Range-check before any cast: converting 1e10 to int is undefined. */
    if (!cJSON_IsNumber(lo) || !cJSON_IsNumber(hi) || !(fabs(lo->valuedouble) <= 1000) ||
        !(fabs(hi->valuedouble) <= 1000) || lo->valuedouble != (int)lo->valuedouble ||
        hi->valuedouble != (int)hi->valuedouble)
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "%s: \"scale\" needs integer \"min\" and \"max\" within -1000..1000", what);
    if (lo->valueint < -1000 || hi->valueint > 1000 || hi->valueint <= lo->valueint ||
        hi->valueint - lo->valueint + 1 > SERVQ_MAX_SCALE_POINTS)
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "%s: scale %d..%d must have 2 to %d points within -1000..1000", what,
                    lo->valueint, hi->valueint, SERVQ_MAX_SCALE_POINTS);
    *min = lo->valueint;
    *max = hi->valueint;
    return SERVQ_OK;
}

static enum servq_status parse_measures(struct parse_ctx *c, const cJSON *v,
                                        struct servq_instrument *ins)
{
    const cJSON *e;
    int m;

    if (!v) {
        ins->measures[SERVQ_MEASURE_E] = ins->measures[SERVQ_MEASURE_P] = 1;
        return SERVQ_OK;
    }
    if (!cJSON_IsArray(v))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"measures\" must be an array such as [\"E\", \"P\"]");
    cJSON_ArrayForEach(e, v)
    {
        for (m = 0; m < SERVQ_MEASURE_COUNT; m++)
            if (cJSON_IsString(e) && strcmp(e->valuestring, measure_names[m]) == 0)
                break;
        if (m == SERVQ_MEASURE_COUNT)
            return fail(c, SERVQ_ERR_INSTRUMENT, "unknown measure in \"measures\" (use E, P, A, D)");
        ins->measures[m] = 1;
    }
    /* Perception-only instruments (SERVPERF) are allowed; expectation-only are not. */
    if (!ins->measures[SERVQ_MEASURE_P])
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"measures\" must include P");
    if (ins->measures[SERVQ_MEASURE_A] != ins->measures[SERVQ_MEASURE_D])
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"measures\" must have both A and D, or neither");
    return SERVQ_OK;
}

static enum servq_status parse_dimensions(struct parse_ctx *c, const cJSON *arr,
                                          struct servq_instrument *ins)
{
    const cJSON *e;
    size_t n, i = 0, j;
    enum servq_status st;
    char owner[96];

    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"dimensions\" must be a non-empty array");
    n = (size_t)cJSON_GetArraySize(arr);
    if (n > SERVQ_MAX_DIMENSIONS)
        return fail(c, SERVQ_ERR_LIMIT, "%zu dimensions; at most %d are allowed", n,
                    SERVQ_MAX_DIMENSIONS);
    ins->dims = calloc(n, sizeof *ins->dims);
    if (!ins->dims)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, arr)
    {
        struct servq_dimension *d = &ins->dims[i];
        if (!cJSON_IsObject(e))
            return fail(c, SERVQ_ERR_INSTRUMENT, "dimension %zu is not an object", i + 1);
        ins->n_dims = ++i;
        owner_name(owner, sizeof owner, "dimension", e, i);
        if ((st = known_keys(c, e, dimension_keys, owner)) != SERVQ_OK ||
            (st = parse_id(c, e, "dimension", &d->id)) != SERVQ_OK)
            return st;
        for (j = 0; j + 1 < i; j++)
            if (strcmp(ins->dims[j].id, d->id) == 0)
                return fail(c, SERVQ_ERR_INSTRUMENT, "dimension '%s' is declared twice", d->id);
        st = parse_i18n(c, cJSON_GetObjectItemCaseSensitive(e, "name"), "dimension name", &d->name);
        if (st != SERVQ_OK)
            return st;
    }
    return SERVQ_OK;
}

/* The n-th item (from 1). */
static enum servq_status parse_item(struct parse_ctx *c, const cJSON *e,
                                    struct servq_instrument *ins, int min, int max, size_t n,
                                    struct servq_item *it)
{
    const cJSON *dim, *rev;
    long d;
    enum servq_status st;
    char owner[96];

    if (!cJSON_IsObject(e))
        return fail(c, SERVQ_ERR_INSTRUMENT, "an item is not an object");
    owner_name(owner, sizeof owner, "item", e, n);
    if ((st = known_keys(c, e, item_keys, owner)) != SERVQ_OK ||
        (st = parse_id(c, e, "item", &it->id)) != SERVQ_OK)
        return st;
    dim = cJSON_GetObjectItemCaseSensitive(e, "dimension");
    if (!cJSON_IsString(dim))
        return fail(c, SERVQ_ERR_INSTRUMENT, "item '%s' has no \"dimension\"", it->id);
    d = servq_instrument_find_dimension(ins, dim->valuestring);
    if (d < 0)
        return fail(c, SERVQ_ERR_INSTRUMENT, "item '%s' names unknown dimension '%.64s'", it->id,
                    dim->valuestring);
    it->dim = (size_t)d;
    ins->dims[d].n_items++;
    rev = cJSON_GetObjectItemCaseSensitive(e, "reverse");
    if (rev && !cJSON_IsBool(rev))
        return fail(c, SERVQ_ERR_INSTRUMENT, "item '%s': \"reverse\" must be true or false",
                    it->id);
    it->reverse = cJSON_IsTrue(rev);
    it->min = min;
    it->max = max;
    if ((st = parse_scale(c, cJSON_GetObjectItemCaseSensitive(e, "scale"), it->id, owner,
                          &it->min, &it->max)) != SERVQ_OK)
        return st;
    if ((st = parse_i18n(c, cJSON_GetObjectItemCaseSensitive(e, "label"), "item label",
                         &it->label)) != SERVQ_OK)
        return st;
    return parse_i18n(c, cJSON_GetObjectItemCaseSensitive(e, "text"), "item text", &it->text);
}

static enum servq_status parse_items(struct parse_ctx *c, const cJSON *arr,
                                     struct servq_instrument *ins, int min, int max)
{
    const cJSON *e;
    size_t n, i = 0, j;
    enum servq_status st;

    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"items\" must be a non-empty array");
    n = (size_t)cJSON_GetArraySize(arr);
    if (n > SERVQ_MAX_ITEMS)
        return fail(c, SERVQ_ERR_LIMIT, "%zu items; at most %d are allowed", n, SERVQ_MAX_ITEMS);
    ins->items = calloc(n, sizeof *ins->items);
    if (!ins->items)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, arr)
    {
        ins->n_items = i + 1;
        if ((st = parse_item(c, e, ins, min, max, i + 1, &ins->items[i])) != SERVQ_OK)
            return st;
        for (j = 0; j < i; j++)
            if (strcmp(ins->items[j].id, ins->items[i].id) == 0)
                return fail(c, SERVQ_ERR_INSTRUMENT, "item '%s' is declared twice",
                            ins->items[i].id);
        i++;
    }
    for (j = 0; j < ins->n_dims; j++)
        if (ins->dims[j].n_items == 0)
            return fail(c, SERVQ_ERR_INSTRUMENT, "dimension '%s' has no items", ins->dims[j].id);
    return SERVQ_OK;
}

/* The n-th extra item (from 1). */
static enum servq_status parse_extra(struct parse_ctx *c, const cJSON *e, size_t n,
                                     struct servq_extra *x)
{
    const cJSON *type;
    enum servq_status st;
    char owner[96];

    if (!cJSON_IsObject(e))
        return fail(c, SERVQ_ERR_INSTRUMENT, "an extra item is not an object");
    owner_name(owner, sizeof owner, "extra item", e, n);
    if ((st = known_keys(c, e, extra_keys, owner)) != SERVQ_OK ||
        (st = parse_id(c, e, "extra item", &x->id)) != SERVQ_OK)
        return st;
    type = cJSON_GetObjectItemCaseSensitive(e, "type");
    if (!cJSON_IsString(type))
        return fail(c, SERVQ_ERR_INSTRUMENT, "extra item '%s' has no \"type\"", x->id);
    if (strcmp(type->valuestring, "nps") == 0) {
        x->kind = SERVQ_EXTRA_NPS;
        x->min = 0;
        x->max = 10;
    } else if (strcmp(type->valuestring, "csat") == 0) {
        x->kind = SERVQ_EXTRA_CSAT;
        x->min = 1;
        x->max = 5;
        st = parse_scale(c, cJSON_GetObjectItemCaseSensitive(e, "scale"), x->id, owner, &x->min,
                         &x->max);
        if (st != SERVQ_OK)
            return st;
    } else if (strcmp(type->valuestring, "text") == 0) {
        x->kind = SERVQ_EXTRA_TEXT;
    } else {
        return fail(c, SERVQ_ERR_INSTRUMENT,
                    "extra item '%s': unknown type '%.32s' (use nps, csat or text)", x->id,
                    type->valuestring);
    }
    return parse_i18n(c, cJSON_GetObjectItemCaseSensitive(e, "label"), "extra label", &x->label);
}

static enum servq_status parse_extras(struct parse_ctx *c, const cJSON *arr,
                                      struct servq_instrument *ins)
{
    const cJSON *e;
    size_t n, i = 0;
    enum servq_status st;

    if (!arr)
        return SERVQ_OK;
    if (!cJSON_IsArray(arr))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"extras\" must be an array");
    n = (size_t)cJSON_GetArraySize(arr);
    if (n > SERVQ_MAX_ITEMS)
        return fail(c, SERVQ_ERR_LIMIT, "too many extra items");
    if (n == 0)
        return SERVQ_OK;
    ins->extras = calloc(n, sizeof *ins->extras);
    if (!ins->extras)
        return SERVQ_ERR_NOMEM;
    cJSON_ArrayForEach(e, arr)
    {
        ins->n_extras = i + 1;
        if ((st = parse_extra(c, e, i + 1, &ins->extras[i])) != SERVQ_OK)
            return st;
        if (servq_instrument_find_item(ins, ins->extras[i].id) >= 0 ||
            servq_instrument_find_extra(ins, ins->extras[i].id) != (long)i)
            return fail(c, SERVQ_ERR_INSTRUMENT, "id '%s' is used twice", ins->extras[i].id);
        i++;
    }
    return SERVQ_OK;
}

static void fingerprint(struct servq_instrument *ins)
{
    struct servq_buf b;
    uint64_t h;
    size_t i;
    int m;

    servq_buf_init(&b);
    servq_buf_printf(&b, "%s|", ins->id);
    for (m = 0; m < SERVQ_MEASURE_COUNT; m++)
        servq_buf_printf(&b, "%d", ins->measures[m]);
    servq_buf_printf(&b, "|%d|", ins->importance);
    for (i = 0; i < ins->n_dims; i++)
        servq_buf_printf(&b, "%s;", ins->dims[i].id);
    for (i = 0; i < ins->n_items; i++)
        servq_buf_printf(&b, "%s:%zu:%d:%d:%d;", ins->items[i].id, ins->items[i].dim,
                         ins->items[i].min, ins->items[i].max, ins->items[i].reverse);
    for (i = 0; i < ins->n_extras; i++)
        servq_buf_printf(&b, "%s:%d:%d:%d;", ins->extras[i].id, (int)ins->extras[i].kind,
                         ins->extras[i].min, ins->extras[i].max);
    /* On allocation failure the fingerprint degrades to the id's hash. */
    h = b.data ? servq_hash64(b.data, b.len, 0) : servq_hash64(ins->id, strlen(ins->id), 0);
    snprintf(ins->fingerprint, sizeof ins->fingerprint, "%016llx", (unsigned long long)h);
    servq_buf_release(&b);
}

static enum servq_status parse_root(struct parse_ctx *c, const cJSON *root,
                                    struct servq_instrument *ins)
{
    const cJSON *schema, *imp;
    int min = 1, max = 7;
    enum servq_status st;
    char why[256];

    if (!cJSON_IsObject(root))
        return fail(c, SERVQ_ERR_INSTRUMENT, "an instrument must be a JSON object");
    schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (schema && (!cJSON_IsString(schema) || strcmp(schema->valuestring, "servq.instrument/1"))) {
        servq_schema_error(root, "servq.instrument/1", why, sizeof why);
        return fail(c, SERVQ_ERR_SCHEMA, "%s", why);
    }
    if ((st = known_keys(c, root, root_keys, "the instrument")) != SERVQ_OK ||
        (st = parse_id(c, root, "instrument", &ins->id)) != SERVQ_OK)
        return st;
    if ((st = parse_i18n(c, cJSON_GetObjectItemCaseSensitive(root, "name"), "\"name\"",
                         &ins->name)) != SERVQ_OK)
        return st;
    if ((st = parse_scale(c, cJSON_GetObjectItemCaseSensitive(root, "scale"), "instrument",
                          "the instrument", &min, &max)) != SERVQ_OK)
        return st;
    if ((st = parse_measures(c, cJSON_GetObjectItemCaseSensitive(root, "measures"), ins)) !=
        SERVQ_OK)
        return st;
    imp = cJSON_GetObjectItemCaseSensitive(root, "importance");
    if (imp && !cJSON_IsBool(imp))
        return fail(c, SERVQ_ERR_INSTRUMENT, "\"importance\" must be true or false");
    ins->importance = cJSON_IsTrue(imp);
    if ((st = parse_dimensions(c, cJSON_GetObjectItemCaseSensitive(root, "dimensions"), ins)) !=
        SERVQ_OK)
        return st;
    if ((st = parse_items(c, cJSON_GetObjectItemCaseSensitive(root, "items"), ins, min, max)) !=
        SERVQ_OK)
        return st;
    return parse_extras(c, cJSON_GetObjectItemCaseSensitive(root, "extras"), ins);
}

enum servq_status servq_instrument_from_json(const struct servq_json *j, const cJSON *root,
                                             const char *prefix, struct servq_instrument **out,
                                             char *err, size_t errlen)
{
    struct parse_ctx c = {err, errlen, j, prefix};
    struct servq_instrument *ins = NULL;
    enum servq_status st = SERVQ_OK;

    if (err && errlen)
        err[0] = '\0';
    ins = calloc(1, sizeof *ins);
    if (!ins) {
        st = SERVQ_ERR_NOMEM;
        goto cleanup;
    }
    SERVQ_TRY(parse_root(&c, root, ins));
    fingerprint(ins);
    *out = ins;
    ins = NULL;
cleanup:
    if (st == SERVQ_ERR_NOMEM)
        fail(&c, st, "out of memory");
    servq_instrument_free(ins);
    return st;
}

enum servq_status servq_instrument_parse(const char *json, size_t len,
                                         struct servq_instrument **out, char *err,
                                         size_t errlen)
{
    struct servq_json j;
    enum servq_status st;

    st = servq_json_load(&j, json, len, 0, err, errlen);
    if (st == SERVQ_OK)
        st = servq_instrument_from_json(&j, j.root, NULL, out, err, errlen);
    servq_json_release(&j);
    return st;
}

enum servq_status servq_instrument_default(struct servq_instrument **out)
{
    return servq_instrument_parse(servq_builtin_instrument_json,
                                  servq_builtin_instrument_json_len, out, NULL, 0);
}

const char *servq_instrument_id(const struct servq_instrument *ins)
{
    return ins->id;
}

const char *servq_instrument_name(const struct servq_instrument *ins, const char *lang)
{
    return servq_i18n_get(&ins->name, lang, ins->id);
}

const char *servq_instrument_fingerprint(const struct servq_instrument *ins)
{
    return ins->fingerprint;
}

size_t servq_instrument_item_count(const struct servq_instrument *ins)
{
    return ins->n_items;
}

size_t servq_instrument_dimension_count(const struct servq_instrument *ins)
{
    return ins->n_dims;
}

size_t servq_instrument_extra_count(const struct servq_instrument *ins)
{
    return ins->n_extras;
}

const char *servq_instrument_item_id(const struct servq_instrument *ins, size_t i)
{
    return ins->items[i].id;
}

size_t servq_instrument_item_dimension(const struct servq_instrument *ins, size_t i)
{
    return ins->items[i].dim;
}

int servq_instrument_item_min(const struct servq_instrument *ins, size_t i)
{
    return ins->items[i].min;
}

int servq_instrument_item_max(const struct servq_instrument *ins, size_t i)
{
    return ins->items[i].max;
}

int servq_instrument_item_reverse(const struct servq_instrument *ins, size_t i)
{
    return ins->items[i].reverse;
}

const char *servq_instrument_item_label(const struct servq_instrument *ins, size_t i,
                                        const char *lang)
{
    return servq_i18n_get(&ins->items[i].label, lang,
                          servq_i18n_get(&ins->items[i].text, lang, ins->items[i].id));
}

const char *servq_instrument_item_text(const struct servq_instrument *ins, size_t i,
                                       const char *lang)
{
    return servq_i18n_get(&ins->items[i].text, lang, servq_instrument_item_label(ins, i, lang));
}

long servq_instrument_find_item(const struct servq_instrument *ins, const char *id)
{
    size_t i;

    for (i = 0; i < ins->n_items; i++)
        if (ins->items[i].id && strcmp(ins->items[i].id, id) == 0)
            return (long)i;
    return -1;
}

const char *servq_instrument_dimension_id(const struct servq_instrument *ins, size_t d)
{
    return ins->dims[d].id;
}

const char *servq_instrument_dimension_name(const struct servq_instrument *ins, size_t d,
                                            const char *lang)
{
    return servq_i18n_get(&ins->dims[d].name, lang, ins->dims[d].id);
}

size_t servq_instrument_dimension_size(const struct servq_instrument *ins, size_t d)
{
    return ins->dims[d].n_items;
}

long servq_instrument_find_dimension(const struct servq_instrument *ins, const char *id)
{
    size_t i;

    for (i = 0; i < ins->n_dims; i++)
        if (ins->dims[i].id && strcmp(ins->dims[i].id, id) == 0)
            return (long)i;
    return -1;
}

int servq_instrument_has_measure(const struct servq_instrument *ins, enum servq_measure m)
{
    return (unsigned)m < SERVQ_MEASURE_COUNT && ins->measures[m];
}

int servq_instrument_has_importance(const struct servq_instrument *ins)
{
    return ins->importance;
}

const char *servq_instrument_extra_id(const struct servq_instrument *ins, size_t x)
{
    return ins->extras[x].id;
}

enum servq_extra_kind servq_instrument_extra_kind(const struct servq_instrument *ins, size_t x)
{
    return ins->extras[x].kind;
}

int servq_instrument_extra_min(const struct servq_instrument *ins, size_t x)
{
    return ins->extras[x].min;
}

int servq_instrument_extra_max(const struct servq_instrument *ins, size_t x)
{
    return ins->extras[x].max;
}

long servq_instrument_find_extra(const struct servq_instrument *ins, const char *id)
{
    size_t i;

    for (i = 0; i < ins->n_extras; i++)
        if (ins->extras[i].id && strcmp(ins->extras[i].id, id) == 0)
            return (long)i;
    return -1;
}

static cJSON *i18n_to_cjson(const struct servq_i18n *t)
{
    cJSON *o = cJSON_CreateObject();
    int l;

    for (l = 0; l < SERVQ_LANG_COUNT; l++)
        if (t->text[l])
            cJSON_AddStringToObject(o, lang_codes[l], t->text[l]);
    return o;
}

static cJSON *scale_to_cjson(int min, int max)
{
    cJSON *o = cJSON_CreateObject();

    cJSON_AddNumberToObject(o, "min", min);
    cJSON_AddNumberToObject(o, "max", max);
    return o;
}

cJSON *servq_instrument_to_cjson(const struct servq_instrument *ins)
{
    static const char *const kinds[] = {"nps", "csat", "text"};
    cJSON *o = cJSON_CreateObject(), *arr, *e;
    size_t i;
    int m;

    cJSON_AddStringToObject(o, "schema", "servq.instrument/1");
    cJSON_AddStringToObject(o, "id", ins->id);
    cJSON_AddItemToObject(o, "name", i18n_to_cjson(&ins->name));
    arr = cJSON_AddArrayToObject(o, "measures");
    for (m = 0; m < SERVQ_MEASURE_COUNT; m++)
        if (ins->measures[m])
            cJSON_AddItemToArray(arr, cJSON_CreateString(measure_names[m]));
    cJSON_AddBoolToObject(o, "importance", ins->importance);
    arr = cJSON_AddArrayToObject(o, "dimensions");
    for (i = 0; i < ins->n_dims; i++) {
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, e);
        cJSON_AddStringToObject(e, "id", ins->dims[i].id);
        cJSON_AddItemToObject(e, "name", i18n_to_cjson(&ins->dims[i].name));
    }
    arr = cJSON_AddArrayToObject(o, "items");
    for (i = 0; i < ins->n_items; i++) {
        const struct servq_item *it = &ins->items[i];
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, e);
        cJSON_AddStringToObject(e, "id", it->id);
        cJSON_AddStringToObject(e, "dimension", ins->dims[it->dim].id);
        cJSON_AddItemToObject(e, "scale", scale_to_cjson(it->min, it->max));
        if (it->reverse)
            cJSON_AddTrueToObject(e, "reverse");
        cJSON_AddItemToObject(e, "label", i18n_to_cjson(&it->label));
        cJSON_AddItemToObject(e, "text", i18n_to_cjson(&it->text));
    }
    arr = cJSON_AddArrayToObject(o, "extras");
    for (i = 0; i < ins->n_extras; i++) {
        const struct servq_extra *x = &ins->extras[i];
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, e);
        cJSON_AddStringToObject(e, "id", x->id);
        cJSON_AddStringToObject(e, "type", kinds[x->kind]);
        if (x->kind == SERVQ_EXTRA_CSAT)
            cJSON_AddItemToObject(e, "scale", scale_to_cjson(x->min, x->max));
        cJSON_AddItemToObject(e, "label", i18n_to_cjson(&x->label));
    }
    return o;
}

/* ---- writing ---- */

/* A wording in each language it has, with fallback as its English when it has none. */
static cJSON *i18n_json(const struct servq_i18n *t, const char *fallback)
{
    static const char *const codes[SERVQ_LANG_COUNT] = {"en", "es", "pt", "ru"};
    cJSON *o = cJSON_CreateObject();
    int l;

    for (l = 0; l < SERVQ_LANG_COUNT; l++)
        if (t->text[l])
            cJSON_AddStringToObject(o, codes[l], t->text[l]);
    if (!t->text[SERVQ_LANG_EN])
        cJSON_AddStringToObject(o, "en", fallback);
    return o;
}

/* See instrument-priv.h. */
cJSON *servq_instrument_json(const struct servq_instrument *ins)
{
    cJSON *o = cJSON_CreateObject(), *arr, *e, *scale;
    size_t i;

    cJSON_AddStringToObject(o, "id", ins->id);
    cJSON_AddStringToObject(o, "fingerprint", ins->fingerprint);
    cJSON_AddItemToObject(o, "name", i18n_json(&ins->name, ins->id));
    arr = cJSON_AddArrayToObject(o, "dimensions");
    for (i = 0; i < ins->n_dims; i++) {
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, e);
        cJSON_AddStringToObject(e, "id", ins->dims[i].id);
        cJSON_AddItemToObject(e, "name", i18n_json(&ins->dims[i].name, ins->dims[i].id));
    }
    arr = cJSON_AddArrayToObject(o, "items");
    for (i = 0; i < ins->n_items; i++) {
        e = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, e);
        cJSON_AddStringToObject(e, "id", ins->items[i].id);
        cJSON_AddStringToObject(e, "dimension", ins->dims[ins->items[i].dim].id);
        scale = cJSON_AddObjectToObject(e, "scale");
        cJSON_AddNumberToObject(scale, "min", ins->items[i].min);
        cJSON_AddNumberToObject(scale, "max", ins->items[i].max);
        cJSON_AddItemToObject(e, "label", i18n_json(&ins->items[i].label, ins->items[i].id));
    }
    return o;
}

/* See instrument-priv.h. */
cJSON *servq_instrument_draft_json(const struct servq_draft_item *drafts, size_t n)
{
    cJSON *ins = cJSON_CreateObject(), *dims, *dim, *items, *it;
    size_t i;
    char label[100];

    if (!ins || !cJSON_AddStringToObject(ins, "schema", "servq.instrument/1") ||
        !cJSON_AddStringToObject(ins, "id", "suggested") ||
        !cJSON_AddStringToObject(ins, "name",
                                 "Suggested by servq import --suggest-map: edit "
                                 "the scale, the dimensions and the labels") ||
        !(it = cJSON_AddObjectToObject(ins, "scale")) || !cJSON_AddNumberToObject(it, "min", 1) ||
        !cJSON_AddNumberToObject(it, "max", 7) ||
        !(dims = cJSON_AddArrayToObject(ins, "dimensions")) || !(dim = cJSON_CreateObject()))
        goto fail;
    cJSON_AddItemToArray(dims, dim);
    if (!cJSON_AddStringToObject(dim, "id", "all") ||
        !cJSON_AddStringToObject(dim, "name", "All items") ||
        !(items = cJSON_AddArrayToObject(ins, "items")))
        goto fail;
    for (i = 0; i < n; i++) {
        if (!(it = cJSON_CreateObject()))
            goto fail;
        cJSON_AddItemToArray(items, it);
        snprintf(label, sizeof label, "%.96s", drafts[i].label ? drafts[i].label : "");
        /* Never cut a UTF-8 character in half. */
        while (label[0] && !servq_utf8_valid(label, strlen(label)))
            label[strlen(label) - 1] = '\0';
        if (!cJSON_AddStringToObject(it, "id", drafts[i].id) ||
            !cJSON_AddStringToObject(it, "dimension", "all") ||
            !cJSON_AddStringToObject(it, "label", label[0] ? label : drafts[i].id))
            goto fail;
    }
    return ins;
fail:
    cJSON_Delete(ins);
    return NULL;
}
