# --strict: every warning is an error. The import stops, exits 1 and writes
# nothing: no standard output (held back until the import succeeded, so
# rows read before a warning late in the input are not written either),
# no -o file (an old one stays as it was), no rejects file, no --stats.
cat >one.json <<'JSON'
{"schema": "servq.instrument/1", "id": "one", "dimensions": [{"id": "d"}],
 "items": [{"id": "q1", "dimension": "d"}]}
JSON
# Clean: the same as without --strict.
printf 'id,E1,P1\nr1,5,6\nr2,7,x\n' >clean.csv
"$SERVQ_BIN/servq-import" -i one.json --strict -r rej.csv --stats stats.json clean.csv; echo "clean: exit $?"
cat rej.csv stats.json
rm -f rej.csv stats.json
# A byte that is not UTF-8 after the first 64 KiB.
{
    echo id,branch,E1,P1
    awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "r%d,North branch of the shop,5,6\n", i }'
    printf 'r3001,S\343o Paulo,5,6\n'
} >late.csv
"$SERVQ_BIN/servq-import" -i one.json late.csv | wc -l; echo "late, without --strict: exit $?"
"$SERVQ_BIN/servq-import" -i one.json --strict late.csv >stdout.csv; echo "late: exit $?"
wc -c <stdout.csv
echo old >out.csv
"$SERVQ_BIN/servq-import" -i one.json --strict -o out.csv -r rej.csv --stats stats.json late.csv
echo "late -o: exit $?"
cat out.csv
ls rej.csv stats.json 2>/dev/null
# A warning of the header: a rating without a column.
sed 's/}]}/}, {"id": "q2", "dimension": "d"}]}/' one.json >two.json
printf 'id,E1,P1,E2\nr1,5,6,7\n' | "$SERVQ_BIN/servq-import" -i two.json --strict; echo "no P2: exit $?"
