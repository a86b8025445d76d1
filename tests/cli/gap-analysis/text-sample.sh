# The text table for the sample export, through the pipeline.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv |
    "$SERVQ_BIN/servq-gap-analysis" --format text
