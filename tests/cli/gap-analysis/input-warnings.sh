# Items on different scales averaged together, and an item nobody answered
# (its columns are not in the export): gap-analysis and merge say
# so on standard error, one line each; the document marks the dimensions
# and overall that mix scales and carries the lines in everyone's
# warnings, which the report lists under data quality.
cat >mixed.json <<'END'
{"schema": "servq.instrument/1", "id": "mixed4", "scale": {"min": 1, "max": 5},
 "dimensions": [{"id": "speed"}, {"id": "care"}],
 "items": [{"id": "s1", "dimension": "speed"},
           {"id": "s2", "dimension": "speed", "scale": {"min": 1, "max": 7}},
           {"id": "c1", "dimension": "care"},
           {"id": "c2", "dimension": "care"}]}
END
"$SERVQ_BIN/servq-gap-analysis" -i mixed.json --by branch data/mini10.csv >gaps.json
echo "exit $?"
grep -c '"mixed_scales":' gaps.json
grep 'different scales\|no answers' gaps.json
"$SERVQ_BIN/servq-gap-analysis" -i mixed.json --state data/mini10.csv | "$SERVQ_BIN/servq-merge" >/dev/null
"$SERVQ_BIN/servq-report" gaps.json | sed -n '/Warnings from the analysis/,/^$/p'
echo "# one scale, every item answered: nothing to say"
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json data/mini10.csv | "$SERVQ_BIN/servq-report" >/dev/null
echo "# --strict: the same lines as errors, nothing written, exit 1"
"$SERVQ_BIN/servq-gap-analysis" --strict -i mixed.json -o strict.json data/mini10.csv
echo "exit $?"
test -e strict.json && echo "strict.json written" || echo "strict.json not written"
"$SERVQ_BIN/servq-gap-analysis" -i mixed.json --state data/mini10.csv | "$SERVQ_BIN/servq-merge" --strict
echo "merge exit $?"
"$SERVQ_BIN/servq-gap-analysis" --strict -i data/mini3.json data/mini10.csv >/dev/null
echo "nothing to say: exit $?"
# report warns too
"$SERVQ_BIN/servq-report" gaps.json >/dev/null
