# The JSON document for ten respondents of a three-item instrument.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json data/mini10.csv
