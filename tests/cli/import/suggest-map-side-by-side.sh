# --suggest-map reads the header only and pairs Q1#1_k (E) with Q1#2_k (P).
cp "$SERVQ_SRC/tests/data/real/QualtricsTools_SideBySide_Insights.csv" sbs.csv
"$SERVQ_BIN/servq-import" --suggest-map sbs.csv >map.json || exit
grep -c '"measure"' map.json
"$SERVQ_BIN/servq-import" -q --map map.json sbs.csv | head -n 2
