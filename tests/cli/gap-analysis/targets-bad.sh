# A targets file naming an item the instrument lacks is an error (exit 1).
printf '{"items": {"q99": 0}}\n' >bad-targets.json
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --targets bad-targets.json data/mini10.csv
echo "exit $?"
printf '{"sq": "high"}\n' >bad-targets.json
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --targets bad-targets.json data/mini10.csv
