/*
 * servq: SERVQUAL-style gap analysis of customer-satisfaction surveys.
 * The umbrella header: include this one.
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
