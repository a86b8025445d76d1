# '-' reads standard input.
head -n 4 samples/exports/generic_servqual.csv | "$SERVQ_BIN/servq-import" -
