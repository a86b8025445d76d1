# --period needs valid dates: a bad one stops with line and column.
cat >dates.csv <<'CSV'
respondent_id,date,E_s1,P_s1
r1,2026-10-26,5,4
r2,2026-13-01,4,4
CSV
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --period month dates.csv
