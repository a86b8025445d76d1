# SurveyMonkey: 2 header rows with blanks under spanned questions; stray
# Windows-1252 bytes in the header; favourability labels from the map.
cp "$SERVQ_SRC/tests/data/real/fivethirtyeight_StarWars_head.csv" starwars.csv
"$SERVQ_BIN/servq-import" --map samples/maps/fivethirtyeight_StarWars.json starwars.csv
