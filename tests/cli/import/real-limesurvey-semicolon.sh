# LimeSurvey, German UI: BOM, ';' detected, German agreement labels.
cp "$SERVQ_SRC/tests/data/real/digitaltwins_results_german_semicolon.csv" dt.csv
"$SERVQ_BIN/servq-import" --map samples/maps/digitaltwins_results_german_semicolon.json dt.csv | head -n 5
