"$SERVQ_BIN/servq-score" --format xml data/mini10.csv
