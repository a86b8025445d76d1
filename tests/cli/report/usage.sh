# Usage errors exit 2: an unknown format, an empty -o, a bad --top.
"$SERVQ_BIN/servq-report" --format pdf data/mini3.json
echo "exit $?"
"$SERVQ_BIN/servq-report" -o '' data/mini3.json
echo "exit $?"
"$SERVQ_BIN/servq-report" --top 0 data/mini3.json
echo "exit $?"
"$SERVQ_BIN/servq-report" --bogus 2>&1 | head -1
