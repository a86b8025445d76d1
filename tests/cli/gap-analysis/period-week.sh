# --period week groups by ISO week of 'date' (2026-W44 to W46).
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --period week --min-n 3 data/mini10.csv
