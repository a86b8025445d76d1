# Import and score through the dispatcher; tail reads everything, so no
# command sees a closed pipe.
"$SERVQ_BIN/servq" import -q samples/exports/generic_servqual.csv |
    "$SERVQ_BIN/servq" score | tail -n 3
