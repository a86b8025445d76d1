# JSON of another schema (an instrument): exit 1, naming the file.
"$SERVQ_BIN/servq-report" data/mini3.json
