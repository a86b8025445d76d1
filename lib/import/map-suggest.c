/*
 * --suggest-map: a starter map from an export's header alone.
 *
 * The guesses follow how SERVQUAL questionnaires are laid out in practice:
 * a Qualtrics side-by-side question puts expectation and perception in
 * columns Q1#1_k and Q1#2_k; Korean and other academic studies number
 * pairs "k-1" (expectation) and "k-2" (perception); and many exports say
 * so in the question text. Everything else is listed under "unmapped" for
 * the analyst to place. The suggestion embeds a one-dimension instrument
 * with the guessed items, so it imports as it is.
 */
#include "import/map-priv.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/labels-priv.h"
#include "common/util-priv.h"
#include "model/instrument-priv.h"

#define MAX_GUESSED_ITEMS 1000

struct guess {
    char id[SERVQ_MAX_ID_LEN + 1];
    long col[2]; /* E, P */
    const char *label;
};

struct suggest {
    const struct servq_header *h;
    struct guess *items;
    size_t n_items;
    signed char *used; /* per column: mapped already */
};

static const char *const e_words[] = {"expectation", "expectativa", "expectacion", "expected",
                                      "ожидани",     "기대",        NULL};
static const char *const p_words[] = {"perception", "percepcion", "percepcao", "perceived",
                                      "восприяти",  "인지",       NULL};

/* 0: no word; 1: an expectation word; 2: a perception word. */
static int word_measure(const char *text)
{
    size_t n = strlen(text), k;
    char *f = malloc(n + 1);
    int r = 0;

    if (!f)
        return 0;
    if (servq_text_fold(text, n, f, n + 1) == (size_t)-1)
        snprintf(f, n + 1, "%s", text);
    for (k = 0; !r && e_words[k]; k++)
        if (strstr(f, e_words[k]))
            r = 1;
    for (k = 0; !r && p_words[k]; k++)
        if (strstr(f, p_words[k]))
            r = 2;
    free(f);
    return r;
}

/* Makes a valid instrument id from s: letters, digits, '_', '-', '.'. */
static void make_id(const char *prefix, const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i;

    o = (size_t)snprintf(out, cap, "%s", prefix);
    for (i = 0; i < n && o + 1 < cap && o < SERVQ_MAX_ID_LEN; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.';
        out[o++] = ok ? c : '_';
    }
    out[o] = '\0';
}

static struct guess *find_or_add(struct suggest *s, const char *id, const char *label)
{
    size_t i;

    for (i = 0; i < s->n_items; i++)
        if (strcmp(s->items[i].id, id) == 0)
            return &s->items[i];
    if (s->n_items >= MAX_GUESSED_ITEMS)
        return NULL;
    snprintf(s->items[s->n_items].id, sizeof s->items[0].id, "%s", id);
    s->items[s->n_items].col[0] = s->items[s->n_items].col[1] = -1;
    s->items[s->n_items].label = label;
    return &s->items[s->n_items++];
}

static void assign(struct suggest *s, size_t col, const char *id, int m)
{
    struct guess *g = find_or_add(s, id, s->h->cols[col].text);

    if (!g || g->col[m] >= 0)
        return;
    g->col[m] = (long)col;
    s->used[col] = 1;
}

/* The number a column starts with ("12-1. ..." gives 12), or -1. */
static long leading_number(const char *s)
{
    long v = 0;
    int k = 0;

    while (*s == ' ')
        s++;
    for (; *s >= '0' && *s <= '9' && k < 6; s++, k++)
        v = v * 10 + (*s - '0');
    return k ? v : -1;
}

/* The first number anywhere in s ("ожидание 4" gives 4), or -1. */
static long first_number(const char *s)
{
    while (*s && (*s < '0' || *s > '9'))
        s++;
    return *s ? leading_number(s) : -1;
}

/* "k-1" / "k-2" with nothing after but ". text" or the end. */
static int dash_pair(const char *s, long *k)
{
    const char *p = s;
    long v = leading_number(s);

    if (v < 0)
        return 0;
    while (*p == ' ' || (*p >= '0' && *p <= '9'))
        p++;
    if (p[0] != '-' || (p[1] != '1' && p[1] != '2') || (p[2] && p[2] != '.' && p[2] != ' '))
        return 0;
    *k = v;
    return p[1] - '0';
}

/* A map names columns by key, so only a key that occurs once can be mapped. */
static int unique_key(const struct servq_header *h, size_t i)
{
    size_t j;

    for (j = 0; j < h->n; j++)
        if (j != i && strcmp(h->cols[j].key, h->cols[i].key) == 0)
            return 0;
    return 1;
}

static void guess_side_by_side(struct suggest *s)
{
    const struct servq_header *h = s->h;
    char id[SERVQ_MAX_ID_LEN + 1];
    size_t i;

    char raw[SERVQ_MAX_ID_LEN + 1];
    size_t klen;

    for (i = 0; i < h->n; i++) {
        const char *k = h->cols[i].key, *hash = strstr(k, "#1_");
        if (!hash)
            hash = strstr(k, "#2_");
        klen = strlen(k);
        /* Text-entry companions (Q5#1_1_TEXT) are not ratings. */
        if (!hash || hash == k || (klen > 5 && strcmp(k + klen - 5, "_TEXT") == 0) ||
            !unique_key(h, i))
            continue;
        snprintf(raw, sizeof raw, "%.*s_%s", (int)(hash - k), k, hash + 3);
        make_id("", raw, strlen(raw), id, sizeof id);
        assign(s, i, id, hash[1] == '1' ? 0 : 1);
    }
}

static void guess_words(struct suggest *s)
{
    const struct servq_header *h = s->h;
    size_t i, count[2] = {0, 0};
    char id[SERVQ_MAX_ID_LEN + 1];

    for (i = 0; i < h->n; i++) {
        int m;
        long num;
        if (s->used[i] || !unique_key(h, i))
            continue;
        m = word_measure(h->cols[i].text);
        if (!m)
            m = word_measure(h->cols[i].key);
        if (!m)
            continue;
        num = first_number(h->cols[i].key);
        /* Without a number, the k-th expectation pairs with the k-th perception. */
        if (num >= 0)
            snprintf(id, sizeof id, "q%ld", num);
        else
            snprintf(id, sizeof id, "w%zu", ++count[m - 1]);
        assign(s, i, id, m - 1);
    }
}

static void guess_dash_pairs(struct suggest *s)
{
    const struct servq_header *h = s->h;
    char id[SERVQ_MAX_ID_LEN + 1];
    size_t i, j;
    long k, k2;

    for (i = 0; i < h->n; i++) {
        int m = s->used[i] || !unique_key(h, i) ? 0 : dash_pair(h->cols[i].key, &k);
        if (!m)
            continue;
        /* Only a pair counts: k-1 needs its k-2 and the other way round. */
        for (j = 0; j < h->n; j++)
            if (j != i && dash_pair(h->cols[j].key, &k2) == 3 - m && k2 == k)
                break;
        if (j == h->n)
            continue;
        snprintf(id, sizeof id, "q%ld", k);
        assign(s, i, id, m - 1);
    }
}

static int is_one_of(const char *s, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(s, *names) == 0)
            return 1;
    return 0;
}

static const char *const id_names[] = {
    "ResponseId",    "ResponseID", "RespondentID", "Respondent ID", "Response ID",
    "respondent_id", "id",         "Answer ID",    "Antwort ID",    NULL};
static const char *const date_names[] = {"RecordedDate", "EndDate",    "Timestamp",
                                         "submitdate",   "타임스탬프", "Marca temporal",
                                         "date",         NULL};

/* The guessed items as a draft instrument (model/instrument.c writes it). */
static cJSON *instrument_json(const struct suggest *s)
{
    struct servq_draft_item *items = calloc(s->n_items ? s->n_items : 1, sizeof *items);
    cJSON *ins;
    size_t i;

    if (!items)
        return NULL;
    for (i = 0; i < s->n_items; i++) {
        items[i].id = s->items[i].id;
        items[i].label = s->items[i].label;
    }
    ins = servq_instrument_draft_json(items, s->n_items);
    free(items);
    return ins;
}

static int add_rule(cJSON *arr, const char *col, const char *item, const char *measure)
{
    cJSON *r = cJSON_CreateObject();

    if (!r)
        return -1;
    cJSON_AddItemToArray(arr, r);
    return cJSON_AddStringToObject(r, "column", col) && cJSON_AddStringToObject(r, "item", item) &&
                   cJSON_AddStringToObject(r, "measure", measure)
               ? 0
               : -1;
}

static cJSON *build(struct suggest *s, enum servq_dialect d)
{
    const struct servq_header *h = s->h;
    cJSON *root = cJSON_CreateObject(), *cols, *unmapped, *ins;
    size_t i;
    long id_col = -1, date_col = -1;

    if (!root || !cJSON_AddStringToObject(root, "schema", "servq.map/1") ||
        !cJSON_AddStringToObject(root, "dialect", servq_dialect_name(d)))
        goto fail;
    if (s->n_items) {
        if (!(ins = instrument_json(s)))
            goto fail;
        cJSON_AddItemToObject(root, "instrument", ins);
    } else if (!cJSON_AddStringToObject(root, "instrument", "EDIT-instrument.json")) {
        goto fail;
    }
    for (i = 0; i < h->n; i++) {
        if (id_col < 0 && !s->used[i] && is_one_of(h->cols[i].key, id_names))
            id_col = (long)i;
    }
    for (i = 0; date_names[i] && date_col < 0; i++) {
        size_t c;
        for (c = 0; c < h->n && date_col < 0; c++)
            if (!s->used[c] && strcmp(h->cols[c].key, date_names[i]) == 0)
                date_col = (long)c;
    }
    if (id_col >= 0) {
        s->used[id_col] = 1;
        if (!cJSON_AddStringToObject(root, "id", h->cols[id_col].key))
            goto fail;
    }
    if (date_col >= 0) {
        s->used[date_col] = 1;
        if (!cJSON_AddStringToObject(root, "date", h->cols[date_col].key))
            goto fail;
    }
    if (!(cols = cJSON_AddArrayToObject(root, "columns")))
        goto fail;
    for (i = 0; i < s->n_items; i++) {
        const struct guess *g = &s->items[i];
        if ((g->col[0] >= 0 && add_rule(cols, h->cols[g->col[0]].key, g->id, "E") != 0) ||
            (g->col[1] >= 0 && add_rule(cols, h->cols[g->col[1]].key, g->id, "P") != 0))
            goto fail;
    }
    if (!(unmapped = cJSON_AddArrayToObject(root, "unmapped")))
        goto fail;
    for (i = 0; i < h->n; i++) {
        cJSON *str;
        if (s->used[i] || !h->cols[i].key[0])
            continue;
        if (!(str = cJSON_CreateString(h->cols[i].key)))
            goto fail;
        cJSON_AddItemToArray(unmapped, str);
    }
    return root;
fail:
    cJSON_Delete(root);
    return NULL;
}

enum servq_status servq_map_suggest(const struct servq_header *h, enum servq_dialect d, char **json)
{
    struct suggest s;
    cJSON *root = NULL;
    char *text = NULL;
    enum servq_status st = SERVQ_ERR_NOMEM;

    memset(&s, 0, sizeof s);
    s.h = h;
    s.items = calloc(MAX_GUESSED_ITEMS, sizeof *s.items);
    s.used = calloc(h->n ? h->n : 1, 1);
    if (!s.items || !s.used)
        goto cleanup;
    guess_side_by_side(&s);
    guess_words(&s);
    guess_dash_pairs(&s);
    root = build(&s, d);
    if (!root)
        goto cleanup;
    text = servq_json_print(root, 1);
    if (!text)
        goto cleanup;
    *json = malloc(strlen(text) + 2);
    if (!*json)
        goto cleanup;
    snprintf(*json, strlen(text) + 2, "%s\n", text);
    st = SERVQ_OK;
cleanup:
    if (text)
        cJSON_free(text);
    cJSON_Delete(root);
    free(s.items);
    free(s.used);
    return st;
}
