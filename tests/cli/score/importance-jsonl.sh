# wsq in JSON lines: null without importance points.
cat >imp.csv <<'CSV'
respondent_id,segment,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1,I_speed,I_care
r1,"=HYPERLINK(""x"")",5,4,4,3,5,4,70,30
r2,b,4,3,5,4,4,3,,
r3,c,3,2,3,5,3,2,50,50
CSV
"$SERVQ_BIN/servq-score" -i data/mini3.json -f jsonl imp.csv
