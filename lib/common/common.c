/*
 * Status strings and version.
 */
#include <stdlib.h>

#include "servq/common.h"

const char *servq_strerror(enum servq_status status)
{
    switch (status) {
    case SERVQ_OK: return "success";
    case SERVQ_ERR_NOMEM: return "out of memory";
    case SERVQ_ERR_ARG: return "invalid argument";
    case SERVQ_ERR_CSV: return "malformed CSV";
    case SERVQ_ERR_JSON: return "malformed JSON";
    case SERVQ_ERR_INSTRUMENT: return "invalid instrument";
    case SERVQ_ERR_DATA: return "unusable data";
    case SERVQ_ERR_LIMIT: return "size limit exceeded";
    case SERVQ_ERR_NUMERIC: return "numerical failure";
    case SERVQ_ERR_SCHEMA: return "wrong document kind or version";
    case SERVQ_ERR_ENCODING: return "cannot decode text";
    case SERVQ_ERR_ABORTED: return "aborted";
    }
    return "unknown error";
}

const char *servq_version(void)
{
    return SERVQ_VERSION;
}

void servq_free(void *p)
{
    free(p);
}
