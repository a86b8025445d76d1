# --by branch,channel on the sample: one group per combination present.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv |
    "$SERVQ_BIN/servq-gap-analysis" --by branch,channel --format text
