# --by adds one group per branch after everyone.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by branch --format text data/mini10.csv
