# Timestamps stored as Excel serial days (43704.77...) become ISO dates.
cp "$SERVQ_SRC/tests/data/real/kiosk_kservqual_xlsx-sheet-servqual.csv" k.csv
"$SERVQ_BIN/servq-import" --map samples/maps/kiosk_kservqual_xlsx-sheet-servqual.json k.csv |
    cut -d, -f1-6 | head -n 4
