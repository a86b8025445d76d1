# samples/cron/weekly-report.sh fails loudly (exit 1, import's reason on
# standard error, nothing of the week published) on an export it imports
# nothing from, and on one with more rejects than SERVQ_MAX_REJECTS
# (default 5%); the rows rejected are kept, as they say why.
PATH=$SERVQ_BIN:$PATH
export PATH
SERVQ_HOME=servq
export SERVQ_HOME
head -1 samples/exports/generic_servqual.csv >header.csv
week() { # the rows of 2026-W47
    awk -F, 'NR > 1 && $2 >= "2026-11-16" && $2 <= "2026-11-22"' samples/exports/generic_servqual.csv
}
# 1. US dates (11/16/2026): no row imports.
{ cat header.csv; week | awk -F, -v OFS=, '{ split($2, d, "-"); $2 = d[2] "/" d[3] "/" d[1]; print }'; } >us.csv
SERVQ_WEEK=2026-W47 sh samples/cron/weekly-report.sh us.csv
echo "us dates: exit $?"
ls servq/history servq/reports
wc -l <servq/rejects/rejects-2026-W47.csv
# Told the format, the same export is this week's report.
SERVQ_WEEK=2026-W47 SERVQ_IMPORT_OPTS='--date-format %m/%d/%Y' sh samples/cron/weekly-report.sh us.csv
echo "us dates, --date-format: exit $?"
ls servq/history
# 2. One row in eight has a 9 on a 1-7 scale: 12.5% rejected, more than 5%.
#    The rows of 2026-W47 move a week on (11-16 is 11-23), to be 2026-W48:
#    the report refuses two documents of one period.
{ cat header.csv; week | awk -F, -v OFS=, 'NR % 8 == 0 { $6 = 9 }
    { $2 = sprintf("2026-11-%02d", substr($2, 9, 2) + 7); print }'; } >bad.csv
SERVQ_WEEK=2026-W48 sh samples/cron/weekly-report.sh bad.csv
echo "12.5% rejects: exit $?"
ls servq/history
SERVQ_WEEK=2026-W48 SERVQ_MAX_REJECTS=20 sh samples/cron/weekly-report.sh bad.csv
echo "12.5% rejects, SERVQ_MAX_REJECTS=20: exit $?"
SERVQ_WEEK=2026-W48 SERVQ_MAX_REJECTS=15% sh samples/cron/weekly-report.sh bad.csv
echo "12.5% rejects, SERVQ_MAX_REJECTS=15%: exit $?"
SERVQ_WEEK=2026-W48 SERVQ_MAX_REJECTS=none sh samples/cron/weekly-report.sh bad.csv
echo "12.5% rejects, SERVQ_MAX_REJECTS=none: exit $?"
ls servq/history
