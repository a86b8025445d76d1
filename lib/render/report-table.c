/*
 * The tables the layout fills and the backends write: columns, cells in
 * row-major order with a tone each, and the masks that say which backends
 * show a column or a table.
 */
#include "render/report-backend-priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void servq_rp_table_init(struct rp_table *t, const struct rp_col *cols, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
}

void servq_rp_table_release(struct rp_table *t)
{
    size_t i;

    for (i = 0; i < t->ncells; i++)
        free(t->cells[i].s);
    free(t->cells);
    t->cells = NULL;
    t->ncells = t->cap = 0;
}

enum servq_status servq_rp_cell(struct rp_table *t, enum rp_tone tone, const char *fmt, ...)
{
    struct servq_buf b;
    va_list ap;
    int n;

    if (t->ncells == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        struct servq_rp_cell *p = realloc(t->cells, cap * sizeof *p);
        if (!p)
            return SERVQ_ERR_NOMEM;
        t->cells = p;
        t->cap = cap;
    }
    servq_buf_init(&b);
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || servq_buf_reserve(&b, (size_t)n + 1) != SERVQ_OK) {
        servq_buf_release(&b);
        return SERVQ_ERR_NOMEM;
    }
    va_start(ap, fmt);
    vsnprintf(b.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->cells[t->ncells].s = b.data;
    t->cells[t->ncells].tone = tone;
    t->ncells++;
    return SERVQ_OK;
}

size_t servq_rp_table_rows(const struct rp_table *t)
{
    return t->ncols ? t->ncells / t->ncols : 0;
}

int servq_rp_shown(unsigned only, unsigned caps)
{
    return only == 0 || (only & caps) != 0;
}
