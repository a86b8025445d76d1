# --import-stats FILE adds rows read, imported and rejected to the data
# quality section; a file that is not servq.import-stats/1 is an error.
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
printf '{"schema":"servq.import-stats/1","read":600,"imported":592,"rejected":8}\n' >stats.json
"$SERVQ_BIN/servq-report" --import-stats stats.json full-w47.json | sed -n '/^Data quality/,/^  Rows by role/p'
echo "exit $?"
"$SERVQ_BIN/servq-report" --lang ru --import-stats stats.json full-w47.json | grep -A3 'Прочитано'
printf '{"schema":"servq.import-stats/1","read":600}\n' >partial.json
"$SERVQ_BIN/servq-report" --import-stats partial.json full-w47.json
echo "exit $?"
printf 'read 600\n' >text.json
"$SERVQ_BIN/servq-report" --import-stats text.json full-w47.json
echo "exit $?"
"$SERVQ_BIN/servq-report" --import-stats missing.json full-w47.json
echo "exit $?"
