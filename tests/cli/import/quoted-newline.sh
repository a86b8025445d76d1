# A quoted field with a line break, a comma and doubled quotes; line numbers
# count physical lines, so the reject is on line 4.
cat >quoted.csv <<'CSV'
id,comment,E1,P1
r1,"line one
line two, with comma",5,6
r2,"say ""hi""",4,x
r3,plain,4,4
CSV
"$SERVQ_BIN/servq-import" -r rejects.csv quoted.csv
rc=$?
cat rejects.csv
exit $rc
