# An export whose dates are US-style (11/16/2026) imports no row: import
# fails (exit 1) and says why, with the most common reject reason, rather
# than exit 0 with an empty result a cron job would publish. With -o the
# output file is not made; the rejects file is, as it says why.
printf 'id,date,branch,E1,P1\n' >us.csv
for d in 16 17 18 19 20; do printf 'r%s,11/%s/2026,North,5,6\n' "$d" "$d" >>us.csv; done
"$SERVQ_BIN/servq-import" -o out.csv -r rejects.csv us.csv; echo "exit $?"
test -e out.csv && echo "out.csv was written"
wc -l <rejects.csv
# Named with --date-format, every row imports.
"$SERVQ_BIN/servq-import" --date-format '%m/%d/%Y' us.csv | cut -d, -f1-5; echo "exit $?"
# Mixed reasons: the most common one is named, with the line it was first on.
printf 'id,E1,P1\nr1,5,9\nr2,8,6\nr3,5,9\n' | "$SERVQ_BIN/servq-import" -q; echo "exit $?"
# One row only.
printf 'id,E1,P1\nr1,5,9\n' | "$SERVQ_BIN/servq-import" -q; echo "exit $?"
# A header and no rows is not a failure: there was nothing to import.
printf 'id,E1,P1\n' | "$SERVQ_BIN/servq-import"; echo "exit $?"
