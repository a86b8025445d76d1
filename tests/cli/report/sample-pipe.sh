# The report from the sample's gaps document on standard input.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv |
    "$SERVQ_BIN/servq-gap-analysis" | "$SERVQ_BIN/servq-report"
