# Documents whose rows have no date (no date column, or an empty one)
# record no dates and, without --period, no period: they cannot be sorted.
# They are taken in the order given, oldest first, and one warning on
# standard error and a line of the data quality section say so. With some
# documents dated and others not, the dated ones must already be oldest
# first, or the report fails (exit 1).
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
for week in 44:2026-10-26:2026-11-01 45:2026-11-02:2026-11-08; do
    n=${week%%:*} range=${week#*:}
    awk -F, -v lo="${range%:*}" -v hi="${range#*:}" 'NR == 1 || ($2 >= lo && $2 <= hi)' \
        responses.csv >r$n.csv
    awk -F, -v OFS=, 'NR > 1 { $2 = "" } 1' r$n.csv |
        "$SERVQ_BIN/servq-gap-analysis" --by branch >u$n.json
    "$SERVQ_BIN/servq-gap-analysis" --by branch --period week r$n.csv >w$n.json
done
# --period week, but no row has a date: the only period is "none".
awk -F, -v OFS=, 'NR > 1 { $2 = "" } 1' r44.csv |
    "$SERVQ_BIN/servq-gap-analysis" --period week >undated.json
"$SERVQ_BIN/servq-report" u44.json u45.json >report.txt
echo "exit $?"
sed -n '2p;/Change since/p;/From u/p' report.txt
sed -n '/^Data quality/,$p' report.txt | grep 'order given'
"$SERVQ_BIN/servq-report" --lang es u44.json u45.json | grep 'orden dado'
"$SERVQ_BIN/servq-report" w44.json undated.json u45.json w45.json >mixed.txt
echo "exit $?"
sed -n '2p' mixed.txt
sed -n '/^Data quality/,$p' mixed.txt | grep 'order given'
"$SERVQ_BIN/servq-report" w45.json u44.json w44.json
echo "exit $?"
# One document needs no order: no warning.
"$SERVQ_BIN/servq-report" u45.json >one.txt
echo "exit $?"
sed -n '2p' one.txt
