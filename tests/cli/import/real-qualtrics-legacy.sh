# Qualtrics Legacy export: BOM, V1..V10 then a row of question text, and a
# trailing comma on every line. -1/-2 are N/A codes from the map.
cp "$SERVQ_SRC/tests/data/real/QualtricsTools_No_Basis_for_Evaluation_Legacy.csv" legacy.csv
"$SERVQ_BIN/servq-import" --map samples/maps/QualtricsTools_No_Basis_for_Evaluation_Legacy.json legacy.csv
