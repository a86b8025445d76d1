# The html report on four weekly documents of the sample (split by week),
# oldest first: the change since last week, the trend, segments by branch.
. "$SERVQ_SRC/tests/cli/report/data/weekly-docs.sh"
"$SERVQ_BIN/servq-report" --format html w44.json w45.json w46.json w47.json
