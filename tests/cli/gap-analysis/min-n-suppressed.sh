# Groups under --min-n show only n: here even everyone is suppressed.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --min-n 1000 data/mini10.csv
