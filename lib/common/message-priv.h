/*
 * The one way a diagnostic leaves libservq: a servq_message_fn and its user
 * pointer, held together as a sink. Every object that can say something
 * keeps a sink (set by its *_set_message_fn); every function that is not a
 * method takes one. The library never writes to a stream, so a program
 * decides where messages go, as with libxkbcommon's xkb_context_set_log_fn.
 */
#ifndef SERVQ_MESSAGE_PRIV_H
#define SERVQ_MESSAGE_PRIV_H

#include <stdarg.h>

#include "servq/common.h"

struct servq_sink {
    servq_message_fn fn; /* NULL: messages are dropped */
    void *user;
};

/* Where a message points: the 1-based line and field, either 0 for none. */
struct servq_where {
    unsigned long long line;
    unsigned long column;
    enum servq_limit limit;
};

/*
 * Formats the message and hands it to the sink. The text is formatted
 * whole, however long; when memory runs out it is cut at 511 bytes rather
 * than lost.
 */
void servq_vsay(const struct servq_sink *sink, enum servq_level level, struct servq_where where,
                const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
void servq_say(const struct servq_sink *sink, enum servq_level level, struct servq_where where,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* No line, no field, no limit. */
#define SERVQ_NOWHERE ((struct servq_where){0, 0, SERVQ_LIMIT_NONE})
#define SERVQ_AT_LINE(l) ((struct servq_where){(l), 0, SERVQ_LIMIT_NONE})

#endif
