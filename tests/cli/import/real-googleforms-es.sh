# Google Forms in Spanish: CRLF records with LF inside quoted cells, dates
# as month/day/year.
cp "$SERVQ_SRC/tests/data/real/rstudio_2019_Spanish_R_Community_Survey_Responses_head.csv" r.csv
"$SERVQ_BIN/servq-import" --map samples/maps/rstudio_2019_Spanish_R_Community_Survey_Responses.json r.csv
