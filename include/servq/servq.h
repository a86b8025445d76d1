/*
 * servq: SERVQUAL-style gap analysis of customer-satisfaction surveys.
 * The umbrella header: include this one.
 *
 * Every number the library writes or reads (canonical responses, JSON,
 * CSV, states, scores, the English report) has "." as its decimal mark
 * whatever locale the calling program has adopted with setlocale() or
 * uselocale(); the library never changes the process's locale.
 */
#ifndef SERVQ_SERVQ_H
#define SERVQ_SERVQ_H

#include "servq/common.h"
#include "servq/instrument.h"
#include "servq/reader.h"
#include "servq/responses.h"
#include "servq/import.h"
#include "servq/sav.h"
#include "servq/analysis.h"
#include "servq/score.h"
#include "servq/report.h"

#endif
