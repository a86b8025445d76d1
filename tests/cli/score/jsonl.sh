# --format jsonl: one JSON object per respondent, segments as strings.
"$SERVQ_BIN/servq-score" -i data/mini3.json --format jsonl data/mini10.csv
