/*
 * Gap-analysis features against reference values computed in R: survey
 * weights (survey::svymean, svyttest), the zone of tolerance, roles (gap 1
 * and the internal view: Welch t.test and wilcox.test), NPS and CSAT.
 *
 * usage: test-features SOURCE_ROOT (or SERVQ_SOURCE_ROOT in the
 * environment). Reads tests/reference/features.csv and the canonical
 * responses tests/data/{weighted,zot,roles,nps}.csv, which
 * tests/reference/features.R made (Rscript tests/reference/features.R, from
 * the root), and the instruments samples/instruments/quality_treatment14.json
 * and tests/data/nps.json.
 *
 * features.csv has columns case,scope,id,field,value. Where each row lives
 * in the document (G = groups[0]):
 *   scope item, dimension     G.items[id] / G.dimensions[id], and in case
 *                             weighted their "weighted" object; the fields
 *                             ci_low and ci_high are ci[0] and ci[1]
 *   scope overall (id sq)     G.overall.weighted
 *   scope group               G itself when id is "group", else G.<id>
 *   scope gap1_item, gap1_dimension, internal_item, internal_dimension
 *                             roles.<gap1|internal>.<items|dimensions>[id]
 *   scope roles (id counts)   roles.counts
 * Counts must match exactly, p-values to 1e-9 absolute, the zot position as
 * a string, anything else to 1e-9 relative (docs/statistics.md).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "servq/servq.h"
#include "tap.h"
#include "testlib.h"

#define REL 1e-9
#define P_ABS 1e-9

/* ---- small helpers ---- */






/* ---- analysis ---- */




/* ---- the reference rows ---- */

enum { REF_CASE, REF_SCOPE, REF_ID, REF_FIELD, REF_VALUE, REF_COLS };

static const char *const ref_names[REF_COLS] = {"case", "scope", "id", "field", "value"};

struct ref_row {
    char *f[REF_COLS];
};

struct ref_table {
    struct ref_row *rows;
    size_t n, cap;
    int header_ok;
    int bad;        /* a row with the wrong number of fields, or no memory */
};

static int ref_record(const struct servq_record *rec, void *user)
{
    struct ref_table *t = user;
    size_t i;

    if (rec->number == 1) {
        t->header_ok = rec->n_fields == REF_COLS;
        for (i = 0; t->header_ok && i < REF_COLS; i++)
            t->header_ok = strcmp(rec->fields[i].data, ref_names[i]) == 0;
        return t->header_ok ? SERVQ_CB_OK : SERVQ_CB_ABORT;
    }
    if (rec->n_fields != REF_COLS) {
        printf("# features.csv line %llu has %lu fields, want %d\n", rec->line,
               (unsigned long)rec->n_fields, REF_COLS);
        t->bad = 1;
        return SERVQ_CB_ABORT;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        struct ref_row *p = realloc(t->rows, cap * sizeof *p);
        if (!p) {
            t->bad = 1;
            return SERVQ_CB_ABORT;
        }
        t->rows = p;
        t->cap = cap;
    }
    for (i = 0; i < REF_COLS; i++) {
        size_t len = rec->fields[i].len;
        char *s = malloc(len + 1);
        if (!s) {
            while (i-- > 0)
                free(t->rows[t->n].f[i]);
            t->bad = 1;
            return SERVQ_CB_ABORT;
        }
        memcpy(s, rec->fields[i].data, len);
        s[len] = '\0';
        t->rows[t->n].f[i] = s;
    }
    t->n++;
    return SERVQ_CB_OK;
}

static void ref_free(struct ref_table *t)
{
    size_t r, i;

    for (r = 0; r < t->n; r++)
        for (i = 0; i < REF_COLS; i++)
            free(t->rows[r].f[i]);
    free(t->rows);
}

/* ---- looking a row up in the document ---- */


/*
 * Returns the member name of o, appending ".name" to the path. When o is
 * NULL (an earlier step was absent) it returns NULL and leaves the path
 * alone, so the path ends at the first absent step.
 */
static const cJSON *member(const cJSON *o, const char *name, char *path, size_t size)
{
    size_t len = strlen(path);

    if (!o)
        return NULL;
    snprintf(path + len, size - len, ".%s", name);
    return cJSON_GetObjectItemCaseSensitive(o, name);
}

/* Returns the element of arr whose "id" is id, appending "[id=...]" likewise. */
static const cJSON *element(const cJSON *arr, const char *id, char *path, size_t size)
{
    size_t len = strlen(path);

    if (!arr)
        return NULL;
    snprintf(path + len, size - len, "[id=%s]", id);
    return find_by_id(arr, id);
}

/*
 * The object that holds the row's field, following the table in the
 * comment at the top; path receives its JSON path for messages. Returns
 * NULL, with path naming where it went wrong, when it is absent.
 */
static const cJSON *locate(const cJSON *doc, const struct ref_row *row, char *path, size_t size)
{
    const char *cs = row->f[REF_CASE], *scope = row->f[REF_SCOPE], *id = row->f[REF_ID];
    int weighted = strcmp(cs, "weighted") == 0;
    const cJSON *g;

    if (strncmp(scope, "gap1_", 5) == 0 || strncmp(scope, "internal_", 9) == 0) {
        int gap1 = scope[0] == 'g';
        const char *kind = strchr(scope, '_') + 1;
        const cJSON *o;

        snprintf(path, size, "$");
        o = member(doc, "roles", path, size);
        o = member(o, gap1 ? "gap1" : "internal", path, size);
        o = member(o, strcmp(kind, "item") == 0 ? "items" : "dimensions", path, size);
        return element(o, id, path, size);
    }
    if (strcmp(scope, "roles") == 0) {
        snprintf(path, size, "$");
        return member(member(doc, "roles", path, size), id, path, size);
    }
    snprintf(path, size, "$.groups[0]");
    g = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "groups"), 0);
    if (!g)
        return NULL;
    if (strcmp(scope, "group") == 0)
        return strcmp(id, "group") == 0 ? g : member(g, id, path, size);
    if (strcmp(scope, "item") == 0 || strcmp(scope, "dimension") == 0) {
        const cJSON *o = member(g, scope[0] == 'i' ? "items" : "dimensions", path, size);
        o = element(o, id, path, size);
        return weighted ? member(o, "weighted", path, size) : o;
    }
    if (strcmp(scope, "overall") == 0)
        return member(member(g, "overall", path, size), "weighted", path, size);
    snprintf(path, size, "(unknown scope '%s')", scope);
    return NULL;
}

static int is_count(const char *field)
{
    static const char *const counts[] = {"n", "n_a", "n_b", "n_d", "customer", "manager",
                                          "staff"};
    size_t i;

    for (i = 0; i < sizeof counts / sizeof counts[0]; i++)
        if (strcmp(field, counts[i]) == 0)
            return 1;
    return 0;
}

static const char *json_kind(const cJSON *v)
{
    if (!v)
        return "absent";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "a number";
}

/* One TAP line for one reference row. */
static void compare_row(const cJSON *doc, const struct ref_row *row)
{
    const char *field = row->f[REF_FIELD], *want_s = row->f[REF_VALUE];
    const cJSON *o, *v;
    char path[512], label[256];
    double want;
    char *end;

    snprintf(label, sizeof label, "%s %s %s %s", row->f[REF_CASE], row->f[REF_SCOPE],
             row->f[REF_ID], field);
    o = locate(doc, row, path, sizeof path);
    if (!o) {
        ok(0, "%s", label);
        printf("#   missing: %s\n", path);
        return;
    }
    if (strcmp(field, "ci_low") == 0 || strcmp(field, "ci_high") == 0) {
        v = member(o, "ci", path, sizeof path);
        snprintf(path + strlen(path), sizeof path - strlen(path), "[%d]", field[3] == 'h');
        v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, field[3] == 'h') : NULL;
    } else {
        v = member(o, field, path, sizeof path);
    }
    if (strcmp(field, "zot") == 0) {
        if (!cJSON_IsString(v)) {
            ok(0, "%s", label);
            printf("#   %s is %s, want '%s'\n", path, json_kind(v), want_s);
            return;
        }
        is_str(v->valuestring, want_s, "%s", label);
        return;
    }
    want = strtod(want_s, &end);
    if (end == want_s || *end) {
        ok(0, "%s: reference value '%s' is a number", label, want_s);
        return;
    }
    if (!cJSON_IsNumber(v)) {
        ok(0, "%s", label);
        printf("#   %s is %s, want %.17g\n", path, json_kind(v), want);
        return;
    }
    if (is_count(field)) {
        if (!is_close(v->valuedouble, want, 0, "%s", label))
            printf("#   at %s (a count: exact)\n", path);
    } else if (strncmp(field, "p_", 2) == 0) {
        if (!is_within(v->valuedouble, want, P_ABS, "%s", label))
            printf("#   at %s (a p-value: 1e-9 absolute)\n", path);
    } else if (!is_close(v->valuedouble, want, REL, "%s", label)) {
        printf("#   at %s (1e-9 relative)\n", path);
    }
}

/* ---- the cases ---- */

struct feature_case {
    const char *name;
    const char *data;        /* canonical responses */
    const char *instrument;  /* NULL: the built-in SERVQUAL-22 */
    const char *weight;      /* --weight */
    int compare_roles;       /* --compare-roles */
    size_t rows;             /* reference rows that features.R writes */
};

static const struct feature_case cases[] = {
    {"weighted", "tests/data/weighted.csv", NULL, "weight", 0, 259},
    {"zot", "tests/data/zot.csv", "samples/instruments/quality_treatment14.json", NULL, 0, 109},
    {"roles", "tests/data/roles.csv", NULL, NULL, 1, 544},
    {"nps", "tests/data/nps.csv", "tests/data/nps.json", NULL, 0, 8},
};

static void run_case(const char *root, const struct feature_case *fc, const struct ref_table *t)
{
    struct servq_instrument *ins = NULL;
    struct servq_analysis_options o;
    struct text data = {NULL, 0, 0}, ins_json = {NULL, 0, 0};
    char *json = NULL;
    cJSON *doc = NULL;
    size_t r, compared = 0;

    if (!ok(read_file(root, fc->data, &data) == 0, "%s: read %s", fc->name, fc->data))
        goto cleanup;
    if (fc->instrument) {
        char err[256] = "";
        if (!ok(read_file(root, fc->instrument, &ins_json) == 0 &&
                    servq_instrument_parse(ins_json.data, ins_json.len, &ins, err,
                                           sizeof err) == SERVQ_OK,
                "%s: instrument %s parses", fc->name, fc->instrument)) {
            printf("#   %s\n", err);
            goto cleanup;
        }
    } else if (!ok(servq_instrument_default(&ins) == SERVQ_OK, "%s: built-in instrument",
                   fc->name)) {
        goto cleanup;
    }
    servq_analysis_options_init(&o);
    o.weight = fc->weight;
    o.compare_roles = fc->compare_roles;
    json = test_analyse(ins, data.data, data.len, &o);
    if (!ok(json != NULL, "%s: analysis produced a document", fc->name))
        goto cleanup;
    doc = cJSON_Parse(json);
    if (!ok(doc != NULL, "%s: the document is valid JSON", fc->name))
        goto cleanup;
    for (r = 0; r < t->n; r++)
        if (strcmp(t->rows[r].f[REF_CASE], fc->name) == 0) {
            compare_row(doc, &t->rows[r]);
            compared++;
        }
    is_int((long long)compared, (long long)fc->rows, "%s: compared all %lu reference rows",
           fc->name, (unsigned long)fc->rows);
cleanup:
    cJSON_Delete(doc);
    servq_free(json);
    servq_instrument_free(ins);
    free(data.data);
    free(ins_json.data);
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : getenv("SERVQ_SOURCE_ROOT");
    struct text ref = {NULL, 0, 0};
    struct ref_table t;
    size_t i, r, known = 0, total = 0;
    enum servq_status st;

    if (!root) {
        printf("Bail out! no source root: pass it as argument or SERVQ_SOURCE_ROOT\n");
        return 1;
    }
    memset(&t, 0, sizeof t);
    if (read_file(root, "tests/reference/features.csv", &ref) != 0) {
        printf("Bail out! cannot read %s/tests/reference/features.csv\n", root);
        return 1;
    }
    st = read_text(ref.data, ref.len, ref_record, &t);
    if (!ok(st == SERVQ_OK && t.header_ok && !t.bad,
            "features.csv reads, with the header case,scope,id,field,value")) {
        free(ref.data);
        ref_free(&t);
        return tap_done();
    }
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        total += cases[i].rows;
    for (r = 0; r < t.n; r++)
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
            if (strcmp(t.rows[r].f[REF_CASE], cases[i].name) == 0) {
                known++;
                break;
            }
    ok(t.n == total && known == t.n, "features.csv has %lu rows, all of known cases",
       (unsigned long)total);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(root, &cases[i], &t);
    ref_free(&t);
    free(ref.data);
    return tap_done();
}
