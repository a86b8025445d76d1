/*
 * Calendar arithmetic, shared by the analysis (the ISO week of a response),
 * states (their dates) and the report (the days a document's periods and
 * dates cover).
 */
#ifndef SERVQ_DATE_PRIV_H
#define SERVQ_DATE_PRIV_H

/* Days since 1970-01-01 of a proleptic Gregorian date (negative before). */
static inline long servq_days_from_civil(int y, int m, int d)
{
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/*
 * A date as a document writes it, "YYYY-MM-DD" and nothing more (years
 * 1900 to 9999, as the date column of responses), as the number YYYYMMDD,
 * so that dates compare as numbers; 0 when s is NULL or not such a date.
 */
static inline long servq_date_ymd(const char *s)
{
    int v[3] = {0, 0, 0}, widths[3] = {4, 2, 2}, i, k;

    if (!s)
        return 0;
    for (i = 0; i < 3; i++, s++) {
        for (k = 0; k < widths[i]; k++, s++) {
            if (*s < '0' || *s > '9')
                return 0;
            v[i] = v[i] * 10 + (*s - '0');
        }
        if (*s != (i < 2 ? '-' : '\0'))
            return 0;
    }
    if (v[0] < 1900 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
        v[2] > servq_days_from_civil(v[1] == 12 ? v[0] + 1 : v[0], v[1] % 12 + 1, 1) -
                   servq_days_from_civil(v[0], v[1], 1))
        return 0;
    return v[0] * 10000L + v[1] * 100L + v[2];
}

/* What a "dates" object (of a document or a state) must be, for messages. */
#define SERVQ_DATES_EXPECTED                                                                       \
    "\"dates\" is not {\"first\": \"YYYY-MM-DD\", \"last\": \"YYYY-MM-DD\"}, the first not after "   \
    "the last"

#endif
