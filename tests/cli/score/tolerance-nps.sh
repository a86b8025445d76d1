# Per-respondent adequacy (P - A) and superiority (P - D) gaps per dimension,
# and the NPS class. By hand for r1: items a1 (P 2, A 3, D 5) and a2 (P 5,
# A 2, D 4): msa = mean(-1, 3) = 1, mss = mean(-3, 1) = -1; NPS 10 is a
# promoter, 8 a passive, 6 a detractor; no answer leaves the class empty.
cat >zot.json <<'JSON'
{
  "schema": "servq.instrument/1", "id": "zot2",
  "scale": {"min": 1, "max": 5}, "measures": ["E", "P", "A", "D"],
  "dimensions": [{"id": "all"}],
  "items": [{"id": "a1", "dimension": "all"}, {"id": "a2", "dimension": "all"}],
  "extras": [{"id": "nps", "type": "nps"}]
}
JSON
cat >zot.csv <<'CSV'
respondent_id,E_a1,P_a1,A_a1,D_a1,E_a2,P_a2,A_a2,D_a2,X_nps
r1,5,2,3,5,4,5,2,4,10
r2,4,2,,4,4,5,3,4,8
r3,5,3,3,5,5,5,2,4,6
r4,4,1,2,5,3,4,2,3,
CSV
"$SERVQ_BIN/servq-score" -i zot.json zot.csv
