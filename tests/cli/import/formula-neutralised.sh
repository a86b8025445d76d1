# Cells that a spreadsheet would run as formulas get a leading quote;
# negative numbers are left alone.
cat >formula.csv <<'CSV'
id,branch,E1,P1
r1,=1+2,5,6
r2,+SUM(A1),4,4
r3,@cmd,4,4
r4,-x,4,4
r5,-3,4,4
CSV
"$SERVQ_BIN/servq-import" formula.csv
