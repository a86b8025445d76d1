# samples/cron/weekly-report.sh, run for four weeks of exports (the sample
# split by week): the history grows, each report replaces the last, and the
# exit status says whether a target was missed (3) or not (0).
PATH=$SERVQ_BIN:$PATH
export PATH
head -1 samples/exports/generic_servqual.csv >header.csv
printf '{"schema": "servq.targets/1", "sq": -0.6}\n' >targets.json
SERVQ_HOME=servq SERVQ_TARGETS=targets.json
export SERVQ_HOME SERVQ_TARGETS
for week in 44:2026-10-26:2026-11-01 45:2026-11-02:2026-11-08 \
    46:2026-11-09:2026-11-15 47:2026-11-16:2026-11-22; do
    n=${week%%:*} range=${week#*:}
    { cat header.csv; awk -F, -v lo="${range%:*}" -v hi="${range#*:}" \
        'NR > 1 && $2 >= lo && $2 <= hi' samples/exports/generic_servqual.csv; } >export.csv
    SERVQ_WEEK=2026-W$n sh samples/cron/weekly-report.sh export.csv
    echo "2026-W$n: exit $?"
done
(cd servq && find . -type f | LC_ALL=C sort)
grep -c '<svg' servq/reports/latest.html
grep -o 'Period: [^<]*' servq/reports/latest.html
cmp servq/reports/latest.html servq/reports/report-2026-W47.html && echo "latest is W47"
# servq import --stats gives the report the week's rows read and rejected.
grep -o 'Rows read by import</t[dh]><td[^>]*>[0-9]*' servq/reports/latest.html | sed 's/<[^>]*>/ /g'

# A failed import publishes nothing of that week.
echo 'not,a,survey' >bad.csv
SERVQ_WEEK=2026-W48 sh samples/cron/weekly-report.sh bad.csv 2>err.txt
echo "2026-W48: exit $?"
grep '^weekly-report' err.txt
ls servq/history
