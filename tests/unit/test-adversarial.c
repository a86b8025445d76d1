/*
 * Gap analysis on adversarial data against R: all ties, all zeros, n = 1,
 * n = 2, missing items, an item nobody answered, reverse-worded items that
 * were not recoded, constant items, and a small mixed set.
 *
 * usage: test-adversarial SOURCE_ROOT (or SERVQ_SOURCE_ROOT in the
 * environment). Reads the instrument tests/data/adversarial/adv5.json, the
 * canonical responses tests/data/adversarial/<case>.csv and the reference
 * tests/reference/adversarial.csv, which tests/reference/adversarial.R made
 * from them (Rscript tests/reference/adversarial.R, from the root).
 *
 * Every reference row is compared with the everyone group of the case's
 * document (analysed with min_n 1): numbers to 1e-9 relative, p-values to
 * 1e-9 absolute, counts exactly; an NA row must be a JSON null. Where a
 * figure is null, the note that docs/gap-analysis-json.md documents must
 * say why; alphas below 0.70 must give their warning.
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
#define REF_ROWS 2214

static const char *const case_names[] = {"ties",       "zeros",   "n1",       "n2",   "missing",
                                         "empty_item", "reverse", "constant", "mixed"};
#define N_CASES (sizeof case_names / sizeof case_names[0])

/* The notes of docs/gap-analysis-json.md ("Null figures" and "Reliability"). */
static const char note_n0[] = "no respondents";
static const char note_n1[] = "fewer than 2 respondents: no SD, CI or test";
static const char note_sd0[] =
    "all values are equal: no CI or test (data are essentially constant)";
static const char note_wilcoxon[] = "no nonzero differences: no signed-rank test";
static const char alpha_note_n[] = "fewer than 2 complete respondents";
static const char alpha_note_zero_var[] =
    "an item has zero variance (psych::alpha drops such an item and analyses the rest)";
static const char alpha_note_total[] = "the total score has zero variance";
static const char alpha_note_std[] = "the item correlations sum to zero";
static const char alpha_note_drop[] =
    "alpha if dropped is undefined for an item: the other items' total has zero variance";
static const char alpha_note_rdrop[] =
    "r.drop is undefined for an item: the other items' total has no positive variance";

/*
 * Why servq must give a null alpha where the reference has NA, worked out
 * from the data (alpha_note_n, where n < 2, is found from the reference).
 */
struct alpha_null {
    const char *cas, *scope_id, *kind, *note;
};

static const struct alpha_null alpha_nulls[] = {
    /* ties: every item's P - E is constant. */
    {"ties", "d1", "gap", alpha_note_zero_var},
    {"ties", "d2", "gap", alpha_note_zero_var},
    {"ties", "all", "gap", alpha_note_zero_var},
    /* zeros: every P - E is 0. */
    {"zeros", "d1", "gap", alpha_note_zero_var},
    {"zeros", "d2", "gap", alpha_note_zero_var},
    {"zeros", "all", "gap", alpha_note_zero_var},
    /*
     * n2: E_a2 is 4 twice; P_a1 + P_a2 + P_a3 is 11 twice; P_b1 is 7 twice.
     * (E_b1 and E_b2 correlate -1, so sum(R) = 0: only std is null there,
     * with alpha_note_std.)
     */
    {"n2", "d1", "e", alpha_note_zero_var},
    {"n2", "d1", "p", alpha_note_total},
    {"n2", "d2", "p", alpha_note_zero_var},
    {"n2", "all", "e", alpha_note_zero_var},
    {"n2", "all", "p", alpha_note_zero_var},
    /* constant: E_a2 is always 5, b1 is always E 6 and P 7. */
    {"constant", "d1", "e", alpha_note_zero_var},
    {"constant", "d2", "e", alpha_note_zero_var},
    {"constant", "d2", "p", alpha_note_zero_var},
    {"constant", "d2", "gap", alpha_note_zero_var},
    {"constant", "all", "e", alpha_note_zero_var},
    {"constant", "all", "p", alpha_note_zero_var},
    {"constant", "all", "gap", alpha_note_zero_var},
};
#define N_ALPHA_NULLS (sizeof alpha_nulls / sizeof alpha_nulls[0])

/* ---- small helpers (as in test-analysis.c) ---- */








/* Analyses canonical text with min_n 1 and otherwise default options. */
static char *analyse(const struct servq_instrument *ins, const char *s, size_t n)
{
    struct servq_analysis_options o;

    servq_analysis_options_init(&o);
    o.min_n = 1;
    return test_analyse(ins, s, n, &o);
}

static const cJSON *get(const cJSON *o, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(o, name);
}


static int find_case(const char *name)
{
    size_t i;

    for (i = 0; i < N_CASES; i++)
        if (strcmp(case_names[i], name) == 0)
            return (int)i;
    return -1;
}

/* ---- the comparison ---- */

struct expected_warning {
    int cas;
    char kind[4];   /* "E", "P" or "gap" */
    char scale[32]; /* "dimension 'd1'" or "the whole instrument" */
    double raw;     /* the reference raw alpha */
};

struct ref_ctx {
    const cJSON *group[N_CASES];
    int header_ok;
    size_t rows, compared, nulls, notes;
    size_t per_case[N_CASES];
    double last_n;  /* reference n of the object being read */
    double alpha_n; /* reference n of the alpha being read */
    int alpha_raw;  /* its reference raw alpha is a number */
    struct expected_warning warn[64];
    size_t n_warn;
};

static int is_p_value(const char *field)
{
    return strcmp(field, "p_t") == 0 || strcmp(field, "p_wilcoxon") == 0 ||
           strcmp(field, "p_adj") == 0 || strcmp(field, "p_adj_wilcoxon") == 0;
}

static int is_count(const char *field)
{
    return strcmp(field, "n") == 0 || strcmp(field, "n_e") == 0 || strcmp(field, "n_p") == 0 ||
           strcmp(field, "df") == 0;
}

/* A figure of o, or NULL when o has no such key; ci_low and ci_high are in ci. */
static const cJSON *figure(const cJSON *o, const char *field)
{
    if (strcmp(field, "ci_low") == 0 || strcmp(field, "ci_high") == 0) {
        const cJSON *ci = get(o, "ci");
        if (cJSON_IsArray(ci))
            return cJSON_GetArrayItem(ci, strcmp(field, "ci_low") == 0 ? 0 : 1);
        return ci;
    }
    return get(o, field);
}

static void check_value(const cJSON *v, const char *text, const char *field, const char *label,
                        struct ref_ctx *c)
{
    char *end;
    double want;

    if (strcmp(text, "NA") == 0) {
        c->nulls++;
        if (!ok(cJSON_IsNull(v), "%s: null", label))
            printf("#   got %s\n", v ? (cJSON_IsNumber(v) ? "a number" : "not null") : "no key");
        if (cJSON_IsNumber(v))
            printf("#   got %.17g\n", v->valuedouble);
        return;
    }
    want = strtod(text, &end);
    if (*end != '\0' || end == text) {
        ok(0, "%s: reference value '%s' is a number", label, text);
        return;
    }
    if (!cJSON_IsNumber(v)) {
        ok(0, "%s: is %.17g", label, want);
        printf("#   got %s\n", v ? "null or not a number" : "no key");
        return;
    }
    if (is_count(field))
        is_close(v->valuedouble, want, 0, "%s: %.17g", label, want);
    else if (is_p_value(field))
        is_within(v->valuedouble, want, P_ABS, "%s: %.17g", label, want);
    else
        is_close(v->valuedouble, want, REL, "%s: %.17g", label, want);
}

static const char *alpha_null_note(int cas, const char *scope_id, const char *kind)
{
    size_t i;

    for (i = 0; i < N_ALPHA_NULLS; i++)
        if (strcmp(alpha_nulls[i].cas, case_names[cas]) == 0 &&
            strcmp(alpha_nulls[i].scope_id, scope_id) == 0 &&
            strcmp(alpha_nulls[i].kind, kind) == 0)
            return alpha_nulls[i].note;
    return NULL;
}

/* A field alpha_<kind>[.<item>].<figure>. */
static void check_alpha(struct ref_ctx *c, int cas, const cJSON *target, const char *scope,
                        const char *id, const char *field, const char *value, const char *label)
{
    char kind[8], item[32], fig[32];
    const cJSON *a, *v;
    const char *dot1 = strchr(field, '.'), *dot2;
    size_t klen;

    klen = (size_t)(dot1 - field) - strlen("alpha_");
    if (klen >= sizeof kind) {
        ok(0, "%s: bad alpha field", label);
        return;
    }
    memcpy(kind, field + strlen("alpha_"), klen);
    kind[klen] = '\0';
    {
        char key[16];
        memcpy(key, field, (size_t)(dot1 - field));
        key[dot1 - field] = '\0';
        a = get(target, key);
    }
    if (!cJSON_IsObject(a)) {
        ok(0, "%s: alpha object present", label);
        return;
    }
    dot2 = strchr(dot1 + 1, '.');
    if (dot2) {
        snprintf(item, sizeof item, "%.*s", (int)(dot2 - dot1 - 1), dot1 + 1);
        snprintf(fig, sizeof fig, "%s", dot2 + 1);
        v = get(find_by_id(get(a, "items"), item), fig);
    } else {
        snprintf(fig, sizeof fig, "%s", dot1 + 1);
        v = get(a, fig);
    }
    check_value(v, value, strcmp(fig, "n") == 0 ? "n" : fig, label, c);
    c->compared++;

    if (!dot2 && strcmp(fig, "n") == 0)
        c->alpha_n = strtod(value, NULL);
    if (!dot2 && strcmp(fig, "raw") == 0)
        c->alpha_raw = strcmp(value, "NA") != 0;
    /*
     * An item's figure alone is null when the other items' total has zero
     * variance; the note (servq keeps the first) says so.
     */
    if (dot2 && c->alpha_raw && strcmp(value, "NA") == 0) {
        const char *got = cJSON_GetStringValue(get(a, "note"));
        if (!ok(got && (strcmp(got, alpha_note_drop) == 0 || strcmp(got, alpha_note_rdrop) == 0),
                "%s: note says alpha if dropped or r.drop is undefined", label))
            printf("#   note: %s\n", got ? got : "(none)");
        c->notes++;
    }
    /* Why a figure is null: the object's note. */
    if (!dot2 && strcmp(fig, "raw") == 0) {
        const char *want = NULL;
        const char *got = cJSON_GetStringValue(get(a, "note"));
        if (strcmp(value, "NA") == 0) {
            want = c->alpha_n < 2 ? alpha_note_n : alpha_null_note(cas, id, kind);
            c->notes++;
            if (!want)
                ok(0, "%s: the test knows why it is null", label);
            else
                is_str(got, want, "%s: note", label);
        } else {
            double raw = strtod(value, NULL);
            if (raw < 0.70 && c->n_warn < sizeof c->warn / sizeof c->warn[0]) {
                struct expected_warning *w = &c->warn[c->n_warn++];
                w->cas = cas;
                snprintf(w->kind, sizeof w->kind, "%s",
                         strcmp(kind, "e") == 0   ? "E"
                         : strcmp(kind, "p") == 0 ? "P"
                                                  : "gap");
                if (strcmp(scope, "overall") == 0)
                    snprintf(w->scale, sizeof w->scale, "the whole instrument");
                else
                    snprintf(w->scale, sizeof w->scale, "dimension '%s'", id);
                w->raw = raw;
            }
        }
    }
    if (!dot2 && strcmp(fig, "std") == 0 && strcmp(value, "NA") == 0) {
        const char *got = cJSON_GetStringValue(get(a, "note"));
        const char *want = c->alpha_n < 2 ? alpha_note_n : alpha_null_note(cas, id, kind);
        /* std alone is null when the item correlations sum to zero. */
        if (!want)
            want = alpha_note_std;
        is_str(got, want, "%s: note", label);
        c->notes++;
    }
}

static int compare_row(const struct servq_record *rec, void *user)
{
    static const char *const names[] = {"case", "scope", "id", "field", "value"};
    struct ref_ctx *c = user;
    const char *cas_name, *scope, *id, *field, *value;
    const cJSON *g, *o = NULL;
    char label[160];
    int cas;
    size_t i;

    if (rec->number == 1) {
        c->header_ok = rec->n_fields == 5;
        for (i = 0; c->header_ok && i < 5; i++)
            c->header_ok = strcmp(rec->fields[i].data, names[i]) == 0;
        return c->header_ok ? SERVQ_CB_OK : SERVQ_CB_ABORT;
    }
    if (rec->n_fields != 5) {
        ok(0, "reference line %llu has 5 fields", rec->line);
        return SERVQ_CB_ABORT;
    }
    c->rows++;
    cas_name = rec->fields[0].data;
    scope = rec->fields[1].data;
    id = rec->fields[2].data;
    field = rec->fields[3].data;
    value = rec->fields[4].data;
    snprintf(label, sizeof label, "%s %s %s %s", cas_name, scope, id, field);
    cas = find_case(cas_name);
    if (cas < 0) {
        ok(0, "%s: known case", label);
        return SERVQ_CB_OK;
    }
    g = c->group[cas];
    if (!g)
        return SERVQ_CB_OK; /* the analysis failed; reported already */
    c->per_case[cas]++;

    if (strcmp(scope, "group") == 0)
        o = g;
    else if (strcmp(scope, "item") == 0)
        o = find_by_id(get(g, "items"), id);
    else if (strcmp(scope, "dimension") == 0)
        o = find_by_id(get(g, "dimensions"), id);
    else if (strcmp(scope, "overall") == 0)
        o = get(g, "overall");
    /* A scope this test does not know fails here, so new rows get a check. */
    if (!o) {
        ok(0, "%s: present in the result", label);
        return SERVQ_CB_OK;
    }

    if (strncmp(field, "alpha_", 6) == 0 && strchr(field, '.')) {
        check_alpha(c, cas, o, scope, id, field, value, label);
        return SERVQ_CB_OK;
    }
    check_value(figure(o, field), value, field, label, c);
    c->compared++;
    if (strcmp(field, "n") == 0)
        c->last_n = strtod(value, NULL);

    /* Null t figures: the note says why; otherwise there is no note. */
    if (strcmp(scope, "group") != 0 && strcmp(field, "t") == 0) {
        const char *got = cJSON_GetStringValue(get(o, "note"));
        c->notes++;
        if (strcmp(value, "NA") == 0)
            is_str(got,
                   c->last_n == 0   ? note_n0
                   : c->last_n == 1 ? note_n1
                                    : note_sd0,
                   "%s: note", label);
        else
            ok(get(o, "note") == NULL, "%s: no note", label);
    }
    if (strcmp(scope, "item") == 0 && strcmp(field, "v") == 0) {
        const char *got = cJSON_GetStringValue(get(o, "note_wilcoxon"));
        c->notes++;
        if (strcmp(value, "NA") == 0)
            is_str(got, note_wilcoxon, "%s: note_wilcoxon", label);
        else
            ok(get(o, "note_wilcoxon") == NULL, "%s: no note_wilcoxon", label);
    }
    return SERVQ_CB_OK;
}

/*
 * Each alpha below 0.70 has its warning, as docs/gap-analysis-json.md
 * words it, in the documented order (the dimensions, then the whole
 * instrument; within each E, P, gap: the order of the reference rows);
 * then what the input warns of: adv5 puts d1 on 1..5 and d2 on 1..7, so
 * the overall index mixes scales in every case, and in empty_item nobody
 * answered P of b2. There are no others.
 */
static void check_warnings(const struct ref_ctx *c)
{
    size_t cas, i;

    for (cas = 0; cas < N_CASES; cas++) {
        const cJSON *warnings = get(c->group[cas], "warnings");
        int want = 0;

        if (!c->group[cas])
            continue;
        if (!ok(cJSON_IsArray(warnings), "%s: warnings is an array", case_names[cas]))
            continue;
        for (i = 0; i < c->n_warn; i++) {
            const struct expected_warning *e = &c->warn[i];
            char text[256];

            if (e->cas != (int)cas)
                continue;
            if (e->raw < 0)
                snprintf(text, sizeof text,
                         "alpha of %s for %s is negative (%.2f): a reverse-worded item may not "
                         "have been recoded",
                         e->kind, e->scale, e->raw);
            else
                snprintf(text, sizeof text, "alpha of %s for %s is %.3f, below 0.70", e->kind,
                         e->scale, e->raw);
            is_str(cJSON_GetStringValue(cJSON_GetArrayItem(warnings, want)), text,
                   "%s: warning %d is '%s'", case_names[cas], want, text);
            want++;
        }
        is_str(cJSON_GetStringValue(cJSON_GetArrayItem(warnings, want)),
               "the whole instrument has items on different scales (1 to 5, 1 to 7): the "
               "overall index averages them as they are, not rescaled",
               "%s: warning %d: the overall index mixes scales", case_names[cas], want);
        want++;
        if (strcmp(case_names[cas], "empty_item") == 0) {
            is_str(cJSON_GetStringValue(cJSON_GetArrayItem(warnings, want)),
                   "no answers for item b2 (P); check the export's column names",
                   "%s: warning %d: nobody answered P of b2", case_names[cas], want);
            want++;
        }
        is_int(cJSON_GetArraySize(warnings), want, "%s: %d warnings", case_names[cas], want);
    }
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : getenv("SERVQ_SOURCE_ROOT");
    struct servq_instrument *ins = NULL;
    struct text ins_json = {NULL, 0, 0}, ref = {NULL, 0, 0};
    struct ref_ctx rc;
    char *json[N_CASES] = {NULL};
    cJSON *doc[N_CASES] = {NULL};
    char err[256] = "";
    size_t i, reverse_negative = 0;
    enum servq_status st;

    if (!root) {
        printf("Bail out! no source root: pass it as argument or SERVQ_SOURCE_ROOT\n");
        return 1;
    }
    memset(&rc, 0, sizeof rc);
    if (!ok(read_file(root, "tests/data/adversarial/adv5.json", &ins_json) == 0,
            "read tests/data/adversarial/adv5.json") ||
        !ok(servq_instrument_parse(ins_json.data, ins_json.len, &ins, err, sizeof err) == SERVQ_OK,
            "adv5 instrument parses %s", err) ||
        !ok(read_file(root, "tests/reference/adversarial.csv", &ref) == 0,
            "read tests/reference/adversarial.csv"))
        goto cleanup;

    for (i = 0; i < N_CASES; i++) {
        struct text data = {NULL, 0, 0};
        char rel[128];

        snprintf(rel, sizeof rel, "tests/data/adversarial/%s.csv", case_names[i]);
        if (ok(read_file(root, rel, &data) == 0, "read %s", rel)) {
            json[i] = analyse(ins, data.data, data.len);
            doc[i] = json[i] ? cJSON_Parse(json[i]) : NULL;
            rc.group[i] = cJSON_GetArrayItem(get(doc[i], "groups"), 0);
            ok(rc.group[i] != NULL, "%s: analysed", case_names[i]);
            ok(cJSON_IsFalse(get(rc.group[i], "suppressed")), "%s: not suppressed (min_n 1)",
               case_names[i]);
        }
        free(data.data);
    }

    st = read_text(ref.data, ref.len, compare_row, &rc);
    ok(st == SERVQ_OK && rc.header_ok, "reference header is case,scope,id,field,value");
    is_int((long long)rc.rows, REF_ROWS, "read all %d reference rows", REF_ROWS);
    is_int((long long)rc.compared, REF_ROWS, "compared all %d reference rows", REF_ROWS);
    for (i = 0; i < N_CASES; i++)
        ok(rc.per_case[i] > 0, "%s: has reference rows (%zu)", case_names[i], rc.per_case[i]);
    printf("# %zu rows compared, %zu of them null; %zu notes checked\n", rc.compared, rc.nulls,
           rc.notes);

    check_warnings(&rc);
    for (i = 0; i < rc.n_warn; i++)
        if (strcmp(case_names[rc.warn[i].cas], "reverse") == 0 && rc.warn[i].raw < 0)
            reverse_negative++;
    ok(reverse_negative >= 4, "reverse: negative alpha of E and P in d1 and d2 (%zu warnings)",
       reverse_negative);

cleanup:
    for (i = 0; i < N_CASES; i++) {
        cJSON_Delete(doc[i]);
        servq_free(json[i]);
    }
    free(ins_json.data);
    free(ref.data);
    servq_instrument_free(ins);
    return tap_done();
}
