# One CSV row of scores per respondent; a missing rating leaves its cells empty.
"$SERVQ_BIN/servq-score" -i data/mini3.json data/mini10.csv
