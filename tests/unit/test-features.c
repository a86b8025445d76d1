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
 * and tests/data/nps.json. Then tests/reference/weighted_extreme.csv, which
 * tests/reference/weighted_extreme.R made with tests/data/weighted-heavy.csv:
 * one weight of 1e8, 1e10 or 1e11 among 299 of 1, and 100 000 rows with
 * equal weights on the 0-100 scale of tests/data/wide100.json, which the
 * generator make_wide() below makes as the R script does. Every weighted
 * case runs in a single pass and again from states of shards, merged.
 *
 * The reference files have columns case,scope,id,field,value. Where each
 * row lives in the document (G = groups[0]):
 *   scope item, dimension     G.items[id] / G.dimensions[id], and in a
 *                             weighted case their "weighted" object; the
 *                             fields ci_low and ci_high are ci[0] and ci[1]
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
#include <stdint.h>
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
        printf("# reference line %llu has %lu fields, want %d\n", rec->line,
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
static const cJSON *locate(const cJSON *doc, const struct ref_row *row, int weighted, char *path,
                          size_t size)
{
    const char *scope = row->f[REF_SCOPE], *id = row->f[REF_ID];
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

/* One TAP line for one reference row; how says which run made doc. */
static void compare_row(const cJSON *doc, const struct ref_row *row, int weighted,
                        const char *how)
{
    const char *field = row->f[REF_FIELD], *want_s = row->f[REF_VALUE];
    const cJSON *o, *v;
    char path[512], label[256];
    double want;
    char *end;

    snprintf(label, sizeof label, "%s %s %s %s%s", row->f[REF_CASE], row->f[REF_SCOPE],
             row->f[REF_ID], field, how);
    o = locate(doc, row, weighted, path, sizeof path);
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
    const char *data;        /* canonical responses, or NULL: made by make */
    const char *instrument;  /* NULL: the built-in SERVQUAL-22 */
    const char *weight;      /* --weight */
    int compare_roles;       /* --compare-roles */
    size_t rows;             /* reference rows the R script writes */
    int (*make)(struct text *out);
};

/*
 * The wide case of weighted_extreme.R: 100 000 rows, weight 0.7, made by
 * Park and Miller's minimal standard generator from 20261207, three draws
 * a, b, c per row: E_q1 = 1 if a mod 5000 == 0 else 0, P_q1 = 100,
 * E_q2 = b mod 101, P_q2 = c mod 101.
 */
static int make_wide(struct text *out)
{
    static const char header[] = "respondent_id,weight,E_q1,P_q1,E_q2,P_q2\n";
    uint64_t s = 20261207, draw[3];
    char row[96];
    int i, k, n;

    if (text_add(out, header, sizeof header - 1) != 0)
        return -1;
    for (i = 1; i <= 100000; i++) {
        for (k = 0; k < 3; k++) {
            s = s * 16807 % 2147483647;
            draw[k] = s;
        }
        n = snprintf(row, sizeof row, "r%d,0.7,%d,100,%d,%d\n", i, draw[0] % 5000 == 0,
                     (int)(draw[1] % 101), (int)(draw[2] % 101));
        if (text_add(out, row, (size_t)n) != 0)
            return -1;
    }
    return 0;
}

/* features.csv, then weighted_extreme.csv */
static const struct feature_case cases[] = {
    {"weighted", "tests/data/weighted.csv", NULL, "weight", 0, 259, NULL},
    {"zot", "tests/data/zot.csv", "samples/instruments/quality_treatment14.json", NULL, 0, 109,
     NULL},
    {"roles", "tests/data/roles.csv", NULL, NULL, 1, 544, NULL},
    {"nps", "tests/data/nps.csv", "tests/data/nps.json", NULL, 0, 8, NULL},
    {"heavy8", "tests/data/weighted-heavy.csv", NULL, "w8", 0, 325, NULL},
    {"heavy10", "tests/data/weighted-heavy.csv", NULL, "w10", 0, 325, NULL},
    {"heavy11", "tests/data/weighted-heavy.csv", NULL, "w11", 0, 325, NULL},
    {"wide", NULL, "tests/data/wide100.json", "weight", 0, 46, make_wide},
};
#define N_CASES (sizeof cases / sizeof cases[0])

static const char *const ref_files[] = {
    "tests/reference/features.csv",
    "tests/reference/weighted_extreme.csv",
};

/* Keeps the library's message in the 256-byte buffer user. */
static void keep_text(const struct servq_message *m, void *user)
{
    snprintf(user, 256, "%s", m->text);
}

/*
 * The document of the rows of data whose index i (0 for the first row
 * after the header) has i / block % parts == part for some part: with
 * block 1 every parts-th row, with block = rows / parts + 1 contiguous
 * runs. Each part is analysed alone and written as a state; the first
 * state is loaded and the others merged into it, as servq merge does.
 * @returns the document (servq_free()) or NULL after a TAP comment
 */
static char *analyse_shards(const struct text *data, size_t parts, size_t block,
                            const struct servq_instrument *ins,
                            const struct servq_analysis_options *o)
{
    const char *body = strchr(data->data, '\n') + 1, *p;
    size_t head = (size_t)(body - data->data), part, i;
    struct servq_instrument *ins2 = NULL;
    struct servq_analysis *a = NULL;
    char *doc = NULL, *json, err[256] = "";
    enum servq_status st = SERVQ_OK;

    for (part = 0; part < parts && st == SERVQ_OK; part++) {
        struct text shard = {NULL, 0, 0};
        struct analysis_ctx c = {NULL, SERVQ_OK};
        if (text_add(&shard, data->data, head) != 0)
            st = SERVQ_ERR_NOMEM;
        for (p = body, i = 0; st == SERVQ_OK && *p; i++) {
            const char *end = strchr(p, '\n');
            size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
            if (i / block % parts == part && text_add(&shard, p, len) != 0)
                st = SERVQ_ERR_NOMEM;
            p += len;
        }
        if (st == SERVQ_OK)
            st = servq_analysis_new(ins, o, &c.a);
        if (st == SERVQ_OK)
            st = read_text(shard.data, shard.len, analysis_record, &c);
        if (st == SERVQ_OK)
            st = c.st;
        json = NULL;
        if (st == SERVQ_OK)
            st = servq_analysis_state(c.a, &json);
        servq_analysis_free(c.a);
        free(shard.data);
        if (st == SERVQ_OK && part == 0)
            st = servq_analysis_from_state(json, strlen(json), &ins2, &a, keep_text, err);
        else if (st == SERVQ_OK)
            st = servq_analysis_merge_state(a, json, strlen(json));
        servq_free(json);
    }
    if (st == SERVQ_OK)
        st = servq_analysis_result(a, &doc);
    if (st != SERVQ_OK) {
        printf("# shards: %s %s\n", servq_strerror(st), err);
        doc = NULL;
    }
    servq_analysis_free(a);
    servq_instrument_free(ins2);
    return doc;
}

/* Compares every reference row of the case with the document json. */
static void compare_case(const struct feature_case *fc, const struct ref_table *t,
                         const char *json, const char *how)
{
    cJSON *doc = json ? cJSON_Parse(json) : NULL;
    size_t r, compared = 0;

    if (ok(doc != NULL, "%s%s: the analysis gives a JSON document", fc->name, how)) {
        for (r = 0; r < t->n; r++)
            if (strcmp(t->rows[r].f[REF_CASE], fc->name) == 0) {
                compare_row(doc, &t->rows[r], fc->weight != NULL, how);
                compared++;
            }
        is_int((long long)compared, (long long)fc->rows, "%s%s: compared all %lu reference rows",
               fc->name, how, (unsigned long)fc->rows);
    }
    cJSON_Delete(doc);
}

static void run_case(const char *root, const struct feature_case *fc, const struct ref_table *t)
{
    struct servq_instrument *ins = NULL;
    struct servq_analysis_options o;
    struct text data = {NULL, 0, 0}, ins_json = {NULL, 0, 0};
    char *json = NULL;
    size_t rows = 0;
    const char *p;

    if (fc->make ? !ok(fc->make(&data) == 0, "%s: make the data", fc->name)
                 : !ok(read_file(root, fc->data, &data) == 0, "%s: read %s", fc->name, fc->data))
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
    compare_case(fc, t, json, "");
    if (!fc->weight)
        goto cleanup;
    /* Weighted sums are doubles: merged shards agree to 1e-9 as well. */
    for (p = data.data; (p = strchr(p, '\n')) != NULL && p[1]; p++)
        rows++;
    servq_free(json);
    json = analyse_shards(&data, 2, rows / 2 + 1, ins, &o);
    compare_case(fc, t, json, " (two halves merged)");
    servq_free(json);
    json = analyse_shards(&data, 7, 1, ins, &o);
    compare_case(fc, t, json, " (every 7th row in 7 shards merged)");
cleanup:
    servq_free(json);
    servq_instrument_free(ins);
    free(data.data);
    free(ins_json.data);
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : getenv("SERVQ_SOURCE_ROOT");
    struct ref_table t;
    size_t i, f, r, known = 0, total = 0;
    enum servq_status st = SERVQ_OK;

    if (!root) {
        printf("Bail out! no source root: pass it as argument or SERVQ_SOURCE_ROOT\n");
        return 1;
    }
    memset(&t, 0, sizeof t);
    for (f = 0; f < sizeof ref_files / sizeof ref_files[0]; f++) {
        struct text ref = {NULL, 0, 0};
        if (read_file(root, ref_files[f], &ref) != 0) {
            printf("Bail out! cannot read %s/%s\n", root, ref_files[f]);
            return 1;
        }
        t.header_ok = 0;
        st = read_text(ref.data, ref.len, ref_record, &t);
        free(ref.data);
        if (!ok(st == SERVQ_OK && t.header_ok && !t.bad,
                "%s reads, with the header case,scope,id,field,value", ref_files[f])) {
            ref_free(&t);
            return tap_done();
        }
    }
    for (i = 0; i < N_CASES; i++)
        total += cases[i].rows;
    for (r = 0; r < t.n; r++)
        for (i = 0; i < N_CASES; i++)
            if (strcmp(t.rows[r].f[REF_CASE], cases[i].name) == 0) {
                known++;
                break;
            }
    ok(t.n == total && known == t.n, "the reference files have %lu rows, all of known cases",
       (unsigned long)total);
    for (i = 0; i < N_CASES; i++)
        run_case(root, &cases[i], &t);
    ref_free(&t);
    return tap_done();
}
