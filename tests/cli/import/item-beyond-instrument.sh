# E23 names an item the 22-item instrument does not have.
cat >e23.csv <<'CSV'
id,E1,P1,E23,P23
r1,5,6,7,7
CSV
"$SERVQ_BIN/servq-import" e23.csv
