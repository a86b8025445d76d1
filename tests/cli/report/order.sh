# Documents are sorted by their periods, whatever the order given: newest
# first still reports on the newest week, with the change since the week
# before. Weeks, months and quarters are placed by the days they cover,
# the one ending last being the last. Two documents of one period are an
# error (exit 1), in files or on standard input.
. "$SERVQ_SRC/tests/cli/report/data/weekly-docs.sh"
title() { sed -n '2p;/Change since/p;/From 2/p'; }
"$SERVQ_BIN/servq-report" w47.json w46.json w45.json w44.json | title
# Months (2026-10 ends on 31 October, before 2026-W45 ends on 8 November)
# and the quarter 2026-Q4 (ends on 31 December, after 2026-W47).
awk -F, 'NR == 1 || substr($2, 1, 7) == "2026-10"' responses.csv |
    "$SERVQ_BIN/servq-gap-analysis" --period month >oct.json
awk -F, 'NR == 1 || substr($2, 1, 7) == "2026-11"' responses.csv |
    "$SERVQ_BIN/servq-gap-analysis" --period month >nov.json
"$SERVQ_BIN/servq-gap-analysis" --period quarter responses.csv >q4.json
"$SERVQ_BIN/servq-report" nov.json oct.json | title
"$SERVQ_BIN/servq-report" w47.json oct.json w45.json | title
"$SERVQ_BIN/servq-report" q4.json w47.json | title
# 2026 has 53 ISO weeks (1 January 2026 is a Thursday): 2026-W53 runs from
# Monday 28 December 2026 to Sunday 3 January 2027, after the month 2026-12
# (to 31 December) and before 2027-W01 (4 to 10 January 2027).
sed 's/"2026-W44"/"2026-12"/' w44.json >dec.json
sed 's/"2026-W45"/"2026-W53"/' w45.json >w53.json
sed 's/"2026-W46"/"2027-W01"/' w46.json >w01.json
"$SERVQ_BIN/servq-report" w01.json w53.json dec.json | title
# The same period twice.
cp w45.json again.json
"$SERVQ_BIN/servq-report" w44.json w45.json again.json
echo "exit $?"
cat w44.json w45.json w45.json | "$SERVQ_BIN/servq-report"
echo "exit $?"
"$SERVQ_BIN/servq-report" oct.json oct.json
echo "exit $?"
# Made without --period, documents are placed by the dates of their rows:
# newest first still reports on the newest, mixed with weeks too, and a
# document of all the rows to date (to 22 November) comes after the week
# ending on 15 November. The dates of week 46's rows (9 to 15 November)
# are the days of 2026-W46: the same period twice.
for week in 46:2026-11-09:2026-11-15 47:2026-11-16:2026-11-22; do
    n=${week%%:*} range=${week#*:}
    awk -F, -v lo="${range%:*}" -v hi="${range#*:}" 'NR == 1 || ($2 >= lo && $2 <= hi)' \
        responses.csv | "$SERVQ_BIN/servq-gap-analysis" --by branch >"d$n.json"
done
"$SERVQ_BIN/servq-gap-analysis" responses.csv >to-date.json
"$SERVQ_BIN/servq-report" d47.json d46.json | title
"$SERVQ_BIN/servq-report" d47.json w45.json d46.json | title
"$SERVQ_BIN/servq-report" to-date.json w46.json | title
"$SERVQ_BIN/servq-report" w45.json w46.json d46.json
echo "exit $?"
