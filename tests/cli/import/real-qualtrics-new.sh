# Qualtrics' current export: 3 header rows (ids, German question text,
# ImportId JSON). Header rows are not counted as rows read.
cp "$SERVQ_SRC/tests/data/real/qualtRics_sample.csv" .
"$SERVQ_BIN/servq-import" --map samples/maps/qualtRics_sample.json qualtRics_sample.csv
