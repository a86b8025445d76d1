# Without a map: the dialect, the encoding and the id column are detected,
# and the export has no rating columns for SERVQUAL-22.
cp "$SERVQ_SRC/tests/data/real/fivethirtyeight_StarWars_head.csv" starwars.csv
"$SERVQ_BIN/servq-import" starwars.csv
