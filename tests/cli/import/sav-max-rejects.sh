# SPSS input keeps the same accounting rules as CSV: --max-rejects as a
# count and as a percentage, and nothing imported is a failure (exit 1)
# naming the most common reason by its case number.
printf 'respondent_id,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1\n' >x.csv
printf 'r01,5,4,4,4,5,3\nr02,4,6,5,3,4,4\nr03,5,3,4,4,5,5\nr04,3,4,4,4,4,4\n' >>x.csv
"$SERVQ_TEST_BIN/make-sav" x.csv x.sav || exit 1
"$SERVQ_BIN/servq-import" -q -i data/mini3.json --max-rejects 25% x.sav >/dev/null; echo "25%: exit $?"
"$SERVQ_BIN/servq-import" -q -i data/mini3.json --max-rejects 24% x.sav >/dev/null; echo "24%: exit $?"
"$SERVQ_BIN/servq-import" -q -i data/mini3.json --max-rejects 0 x.sav >/dev/null; echo "0: exit $?"
printf 'respondent_id,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1\nr01,6,4,4,4,5,3\nr02,7,6,5,3,4,4\n' >y.csv
"$SERVQ_TEST_BIN/make-sav" y.csv y.sav || exit 1
"$SERVQ_BIN/servq-import" -i data/mini3.json y.sav >/dev/null; echo "nothing: exit $?"
