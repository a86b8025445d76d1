# Rejects from an SPSS file: a 6 on a 1-5 scale is out of range even though
# the value label set names it ("Agree"), a string id may be empty; 'line'
# is the case number. The --max-rejects and accounting rules are those of
# CSV.
printf 'respondent_id,date,branch,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1\n' >x.csv
printf 'r01,2026-10-26,Centro,5,4,4,4,5,3\n' >>x.csv
printf 'r02,2026-10-27,Norte,4,6,5,3,4,4\n' >>x.csv
printf ',2026-10-28,Norte,5,3,4,4,5,5\n' >>x.csv
printf 'r04,2026-11-02,Sur,3,,4,4,4,\n' >>x.csv
"$SERVQ_TEST_BIN/make-sav" x.csv x.sav || exit 1
"$SERVQ_BIN/servq-import" -i data/mini3.json -r rejects.csv x.sav
echo "exit $?"
cat rejects.csv
"$SERVQ_BIN/servq-import" -q -i data/mini3.json --max-rejects 1 x.sav >/dev/null
echo "exit $?"
