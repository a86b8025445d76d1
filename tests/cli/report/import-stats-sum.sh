# Import statistics whose counts do not add up (read = imported + rejected)
# are refused: exit 1, naming the file and the numbers.
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
printf '{"schema":"servq.import-stats/1","read":600,"imported":590,"rejected":8}\n' >stats.json
"$SERVQ_BIN/servq-report" --import-stats stats.json full-w47.json
echo "exit $?"
printf '{"schema":"servq.import-stats/1","read":600,"imported":600,"rejected":8}\n' >over.json
"$SERVQ_BIN/servq-report" --import-stats over.json full-w47.json
echo "exit $?"
printf '{"schema":"servq.import-stats/1","read":608,"imported":600,"rejected":8}\n' >ok.json
"$SERVQ_BIN/servq-report" --import-stats ok.json full-w47.json | grep 'Rows read'
echo "exit $?"
