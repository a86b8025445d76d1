# An unknown option: one line that names it, then where to read more; exit 2.
"$SERVQ_BIN/servq-import" --bogus samples/exports/generic_servqual.csv
