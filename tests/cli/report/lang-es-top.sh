# --lang es names items and dimensions in Spanish; --top 2 lists two priorities.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json data/mini10.csv >gaps.json
"$SERVQ_BIN/servq-report" --lang es --top 2 gaps.json
