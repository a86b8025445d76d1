# --by a column the input lacks: exit 1, naming the column and the header line.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by nosuchcol data/mini10.csv
