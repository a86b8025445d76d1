# Google Forms: every field quoted, no final newline, timestamps like
# "2022/03/26 11:00:19 PM AST" converted by the map's date format.
cp "$SERVQ_SRC/tests/data/real/bertiewooster_rating-options-survey.csv" ratings.csv
"$SERVQ_BIN/servq-import" --map samples/maps/bertiewooster_rating-options-survey.json ratings.csv
