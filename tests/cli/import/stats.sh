# --stats FILE: the accounting as servq.import-stats/1, which servq report
# --import-stats reads. FILE is replaced atomically, and left alone when
# the import stops early; with --max-rejects it is written all the same.
"$SERVQ_BIN/servq-import" --stats stats.json samples/exports/generic_servqual.csv |
    "$SERVQ_BIN/servq-gap-analysis" >gaps.json
echo "exit $?"
cat stats.json
ls -a | grep '^\.stats' || echo "no temporary file left"
"$SERVQ_BIN/servq-report" --import-stats stats.json gaps.json |
    sed -n '/^Data quality/,/^  Rows rejected/p'
echo old >kept.json
"$SERVQ_BIN/servq-import" --stats kept.json missing.csv
echo "exit $?"
cat kept.json
"$SERVQ_BIN/servq-import" -q --stats over.json --max-rejects 2 samples/exports/generic_servqual.csv >/dev/null
echo "exit $?"
cat over.json
"$SERVQ_BIN/servq-import" --stats no-such-dir/stats.json samples/exports/generic_servqual.csv
echo "exit $?"
"$SERVQ_BIN/servq-import" --stats x.json --suggest-map samples/exports/generic_servqual.csv
echo "exit $?"
