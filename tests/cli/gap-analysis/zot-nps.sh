# Zone of tolerance (A and D ratings) and NPS/CSAT headline metrics.
# By hand:
#   a1: P 2,2,3,1,2 (mean 2.0); A 3,3,3,2,3 (2.8) so msa = -0.8: below the
#       zone; D 5,4,5,5,4 (4.6) so mss = -2.6.
#   a2: P 5,5,5,4,5 (4.8); A 2,3,2,2,1 (2.0): msa 2.8; D 4,4,4,3,4 (3.8):
#       mss = 1.0 > 0, above the zone.
#   dimension msa: respondents' mean of P - A over a1, a2:
#       1, 0.5, 1.5, 0.5, 1.5 -> 1.0; mss: (-3-1)/2 ... -> -0.8.
#   NPS over 10, 9, 6, 8: promoters 50%, passives 25%, detractors 25%,
#       score 25. CSAT over 5, 4, 2, 3: top two (4-5) 50%.
cat >zot.json <<'JSON'
{
  "schema": "servq.instrument/1", "id": "zot2",
  "scale": {"min": 1, "max": 5}, "measures": ["E", "P", "A", "D"],
  "dimensions": [{"id": "all"}],
  "items": [{"id": "a1", "dimension": "all"}, {"id": "a2", "dimension": "all"}],
  "extras": [{"id": "nps", "type": "nps"}, {"id": "csat", "type": "csat"}]
}
JSON
cat >zot.csv <<'CSV'
respondent_id,E_a1,P_a1,A_a1,D_a1,E_a2,P_a2,A_a2,D_a2,X_nps,X_csat
r1,5,2,3,5,4,5,2,4,10,5
r2,4,2,3,4,4,5,3,4,9,4
r3,5,3,3,5,5,5,2,4,6,2
r4,4,1,2,5,3,4,2,3,8,
r5,5,2,3,4,4,5,1,4,,3
CSV
"$SERVQ_BIN/servq-gap-analysis" -i zot.json -f csv zot.csv | cut -d, -f1-8
"$SERVQ_BIN/servq-gap-analysis" -i zot.json zot.csv | grep -E '"(n_a|mean_a|msa|n_d|mean_d|mss|zot|score|promoters|passives|detractors)"'
