# --min-n must be at least 1: usage error before reading anything.
"$SERVQ_BIN/servq-gap-analysis" --min-n 0 data/mini10.csv
