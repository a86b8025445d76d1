# Extra operands: one export at a time; exit 2 with the usage.
"$SERVQ_BIN/servq-import" a.csv b.csv
