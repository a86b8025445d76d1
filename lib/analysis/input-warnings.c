/*
 * What a gap-analysis document says about its input that its reader must
 * be told: dimensions (and the whole instrument) whose items are on
 * different scales, averaged as they are, and items nobody answered. Read
 * from the document alone, so that gap-analysis, merge and report say the
 * same thing.
 */

#include "analysis/input-warnings-priv.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "servq/instrument.h"

static double scale_end(const cJSON *item, const char *end)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(item, "scale"), end);

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static int in_dimension(const cJSON *item, const char *dim)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "dimension");

    return !dim || (cJSON_IsString(v) && strcmp(v->valuestring, dim) == 0);
}

/*
 * The distinct scales of the instrument's items in dimension dim (NULL:
 * all of them), in order of first use, as "1 to 5, 1 to 7" into out, and
 * how many there are into *n.
 */
static enum servq_status scales_of(const cJSON *items, const char *dim, struct servq_buf *out,
                                   size_t *n)
{
    const cJSON *e, *f;

    servq_buf_clear(out);
    *n = 0;
    cJSON_ArrayForEach(e, items)
    {
        double lo = scale_end(e, "min"), hi = scale_end(e, "max");
        int seen = 0;
        if (!in_dimension(e, dim))
            continue;
        for (f = items->child; f != e && !seen; f = f->next)
            seen = in_dimension(f, dim) && scale_end(f, "min") == lo && scale_end(f, "max") == hi;
        if (seen)
            continue;
        if (servq_buf_printf(out, "%s%.0f to %.0f", *n ? ", " : "", lo, hi) != SERVQ_OK)
            return SERVQ_ERR_NOMEM;
        (*n)++;
    }
    return SERVQ_OK;
}

/*
 * Which of an item's ratings nobody gave: 0 both E and P (P alone for a
 * perception-only instrument, whose items have no n_e), 1 E, 2 P, or -1.
 */
static int unanswered_kind(const cJSON *item)
{
    const cJSON *ne = cJSON_GetObjectItemCaseSensitive(item, "n_e");
    const cJSON *np = cJSON_GetObjectItemCaseSensitive(item, "n_p");
    int no_e = !ne || (cJSON_IsNumber(ne) && ne->valuedouble == 0);
    int no_p = cJSON_IsNumber(np) && np->valuedouble == 0;

    return no_p && no_e ? 0 : no_e && ne ? 1 : no_p ? 2 : -1;
}

/*
 * The items of everyone's group g that nobody answered, as one line into
 * out: "no answers for items q5, q7 (E and P) and q9 (P); ...".
 */
static enum servq_status unanswered(const cJSON *g, struct servq_buf *out)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(g, "items"), *e, *id;
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(g, "n");
    int has_e = items && items->child && cJSON_GetObjectItemCaseSensitive(items->child, "n_e");
    const char *const kinds[] = {has_e ? "E and P" : "P", "E", "P"};
    struct servq_buf list;
    enum servq_status st = SERVQ_OK;
    size_t total = 0, listed = 0;
    int k;

    if (!cJSON_IsNumber(n) || n->valuedouble <= 0 ||
        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "suppressed")))
        return SERVQ_OK;
    servq_buf_init(&list);
    for (k = 0; k < 3; k++) {
        size_t here = 0;
        cJSON_ArrayForEach(e, items)
        {
            id = cJSON_GetObjectItemCaseSensitive(e, "id");
            if (unanswered_kind(e) != k || !cJSON_IsString(id))
                continue;
            if (++total > 20)
                continue;
            SERVQ_TRY(servq_buf_printf(&list, "%s%s", !listed ? "" : here ? ", " : " and ",
                                       id->valuestring));
            listed++;
            here++;
        }
        if (here)
            SERVQ_TRY(servq_buf_printf(&list, " (%s)", kinds[k]));
    }
    if (total > 20)
        SERVQ_TRY(servq_buf_printf(&list, " and %zu more", total - 20));
    if (total)
        SERVQ_TRY(servq_buf_printf(out,
                                   "no answers for item%s %s; check the export's column names\n",
                                   total > 1 ? "s" : "", list.data));
cleanup:
    servq_buf_release(&list);
    return st;
}

enum servq_status servq_input_warnings(const cJSON *doc, struct servq_buf *out)
{
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(doc, "instrument");
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(ins, "items"), *d;
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(doc, "groups");
    struct servq_buf scales;
    enum servq_status st = SERVQ_OK;
    size_t n;

    servq_buf_init(&scales);
    if (!cJSON_IsArray(items))
        goto cleanup;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(ins, "dimensions"))
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(d, "id");
        if (!cJSON_IsString(id))
            continue;
        SERVQ_TRY(scales_of(items, id->valuestring, &scales, &n));
        if (n > 1)
            SERVQ_TRY(servq_buf_printf(out,
                                       "dimension '%s' has items on different scales (%s): its "
                                       "means and gap average them as they are, not rescaled\n",
                                       id->valuestring, scales.data));
    }
    SERVQ_TRY(scales_of(items, NULL, &scales, &n));
    if (n > 1)
        SERVQ_TRY(servq_buf_printf(out,
                                   "the whole instrument has items on different scales (%s): the "
                                   "overall index averages them as they are, not rescaled\n",
                                   scales.data));
    if (cJSON_IsArray(groups) && groups->child)
        st = unanswered(groups->child, out);
cleanup:
    servq_buf_release(&scales);
    return st;
}

static enum servq_status mark_mixed(cJSON *o)
{
    if (!o || cJSON_GetObjectItemCaseSensitive(o, "mixed_scales"))
        return SERVQ_OK;
    return cJSON_AddBoolToObject(o, "mixed_scales", 1) ? SERVQ_OK : SERVQ_ERR_NOMEM;
}

enum servq_status servq_mark_input(cJSON *doc)
{
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(doc, "instrument");
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(ins, "items"), *id;
    cJSON *groups = cJSON_GetObjectItemCaseSensitive(doc, "groups"), *g, *d, *w, *line;
    struct servq_buf lines, scales, mixed;
    enum servq_status st = SERVQ_OK;
    size_t n;
    char *p, *end;

    servq_buf_init(&lines);
    servq_buf_init(&scales);
    servq_buf_init(&mixed);
    /* The ids of the dimensions that mix scales, each between '\n's. */
    SERVQ_TRY(servq_buf_addc(&mixed, '\n'));
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(ins, "dimensions"))
    {
        id = cJSON_GetObjectItemCaseSensitive(d, "id");
        if (!cJSON_IsString(id))
            continue;
        SERVQ_TRY(scales_of(items, id->valuestring, &scales, &n));
        if (n > 1)
            SERVQ_TRY(servq_buf_printf(&mixed, "%s\n", id->valuestring));
    }
    SERVQ_TRY(scales_of(items, NULL, &scales, &n));
    cJSON_ArrayForEach(g, groups)
    {
        cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(g, "dimensions"))
        {
            char key[SERVQ_MAX_ID_LEN + 3];
            id = cJSON_GetObjectItemCaseSensitive(d, "id");
            if (!cJSON_IsString(id) || strlen(id->valuestring) > SERVQ_MAX_ID_LEN)
                continue;
            snprintf(key, sizeof key, "\n%s\n", id->valuestring);
            if (strstr(mixed.data, key))
                SERVQ_TRY(mark_mixed(d));
        }
        if (n > 1)
            SERVQ_TRY(mark_mixed(cJSON_GetObjectItemCaseSensitive(g, "overall")));
    }
    SERVQ_TRY(servq_input_warnings(doc, &lines));
    w = cJSON_IsArray(groups) && groups->child
            ? cJSON_GetObjectItemCaseSensitive(groups->child, "warnings")
            : NULL;
    for (p = lines.data; w && p && *p; p = end + 1) {
        end = strchr(p, '\n');
        *end = '\0';
        line = cJSON_CreateString(p);
        if (!line || !cJSON_AddItemToArray(w, line)) {
            cJSON_Delete(line);
            st = SERVQ_ERR_NOMEM;
            goto cleanup;
        }
    }
cleanup:
    servq_buf_release(&lines);
    servq_buf_release(&scales);
    servq_buf_release(&mixed);
    return st;
}
