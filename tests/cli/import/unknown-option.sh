# An unknown option: the getopt message, then the usage, on stderr; exit 2.
"$SERVQ_BIN/servq-import" --bogus samples/exports/generic_servqual.csv
