# A value outside the scale in canonical input is an error with line and column.
cat >bad.csv <<'CSV'
respondent_id,E_s1,P_s1
r1,5,4
r2,x,4
r3,9,1
CSV
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json bad.csv
