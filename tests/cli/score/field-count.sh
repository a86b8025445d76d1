# A row wider than the header: exit 1 with line and column; rows before it
# are already written.
cat >wide.csv <<'CSV'
respondent_id,E_s1,P_s1
r1,5,4
r2,5,4,3
CSV
"$SERVQ_BIN/servq-score" -i data/mini3.json wide.csv
