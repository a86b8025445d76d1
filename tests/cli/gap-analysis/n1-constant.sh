# A group of one (no SD, CI or test) and a group whose gaps are all equal
# (no CI or test): null values with a note, never NaN or Infinity.
cat >const.csv <<'CSV'
respondent_id,branch,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1
r1,Centro,5,4,4,3,5,4
r2,Centro,4,3,5,4,4,3
r3,Centro,3,2,3,2,3,2
r4,Sur,5,5,2,1,4,2
CSV
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by branch --min-n 1 const.csv
