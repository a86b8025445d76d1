# States that cannot be merged are errors that say why (exit 1).
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --state data/mini10.csv >mini.jsonl
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by branch --state data/mini10.csv >by.jsonl
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv |
    "$SERVQ_BIN/servq-gap-analysis" --state >servqual.jsonl

echo "# another instrument"
cat mini.jsonl servqual.jsonl | "$SERVQ_BIN/servq-merge" >/dev/null
echo "exit $?"
echo "# other options"
"$SERVQ_BIN/servq-merge" mini.jsonl by.jsonl >/dev/null
echo "exit $?"
echo "# truncated"
head -c 300 mini.jsonl >cut.jsonl
"$SERVQ_BIN/servq-merge" cut.jsonl >/dev/null
echo "exit $?"
echo "# another schema version"
sed 's/gap-analysis-state\/2/gap-analysis-state\/9/' mini.jsonl >v9.jsonl
"$SERVQ_BIN/servq-merge" v9.jsonl >/dev/null
echo "exit $?"
echo "# a gaps document is not a state"
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json data/mini10.csv | tr -d '\n\t' >doc.json
"$SERVQ_BIN/servq-merge" doc.json >/dev/null
echo "exit $?"
echo "# nothing to merge"
"$SERVQ_BIN/servq-merge" </dev/null
