"$SERVQ_BIN/servq-gap-analysis" --format xml data/mini10.csv
