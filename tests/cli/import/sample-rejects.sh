# The sample export: canonical CSV on stdout, the accounting line on stderr.
"$SERVQ_BIN/servq-import" --rejects rejects.csv samples/exports/generic_servqual.csv
