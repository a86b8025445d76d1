# --raw-csv keeps formula-like cells as they are.
cat >formula.csv <<'CSV'
id,branch,E1,P1
r1,=1+2,5,6
r2,+SUM(A1),4,4
CSV
"$SERVQ_BIN/servq-import" --raw-csv formula.csv
