# A missing input: the message names it, errno text in English; exit 1.
"$SERVQ_BIN/servq-import" nope.csv
