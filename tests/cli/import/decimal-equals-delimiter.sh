# A comma cannot be both the delimiter and the decimal mark: a usage error.
"$SERVQ_BIN/servq-import" -d , --decimal , export.csv
