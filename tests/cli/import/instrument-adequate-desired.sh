# A four-measure instrument (E, P, A, D) on a 1-5 scale; 6 is out of range.
cat >treatment.csv <<'CSV'
id,date,A1,D1,E1,P1,A2,D2,E2,P2,A12,D12,E12,P12
c1,2026-03-02,3,5,4,4,2,5,4,3,3,4,4,5
c2,2026-03-03,2,4,5,3,3,5,5,5,1,5,3,2
c3,2026-03-04,2,4,5,3,3,6,5,5,1,5,3,2
CSV
"$SERVQ_BIN/servq-import" -i samples/instruments/quality_treatment14.json -r rejects.csv treatment.csv
rc=$?
cat rejects.csv
exit $rc
