/*
 * Diagnostics to the caller's callback; see message-priv.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include "common/message-priv.h"

void servq_vsay(const struct servq_sink *sink, enum servq_level level, struct servq_where where,
                const char *fmt, va_list ap)
{
    struct servq_message m;
    char fallback[512];
    char *text = NULL;
    va_list again;
    int n;

    if (!sink || !sink->fn)
        return;
    va_copy(again, ap);
    n = vsnprintf(fallback, sizeof fallback, fmt, ap);
    if (n >= (int)sizeof fallback) {
        text = malloc((size_t)n + 1);
        if (text)
            vsnprintf(text, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    if (n < 0)
        fallback[0] = '\0';
    m.level = level;
    m.line = where.line;
    m.column = where.column;
    m.limit = where.limit;
    m.text = text ? text : fallback;
    sink->fn(&m, sink->user);
    free(text);
}

void servq_say(const struct servq_sink *sink, enum servq_level level, struct servq_where where,
               const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    servq_vsay(sink, level, where, fmt, ap);
    va_end(ap);
}
