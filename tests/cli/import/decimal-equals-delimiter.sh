# The default delimiter is also ",": a usage error.
"$SERVQ_BIN/servq-import" --decimal , export.csv
