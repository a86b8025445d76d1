# A perception-only (SERVPERF) instrument: the index is mean P, and there
# are no gaps to rank.
cat >perf.json <<'JSON'
{"schema": "servq.instrument/1", "id": "perf2", "scale": {"min": 1, "max": 5},
 "measures": ["P"],
 "dimensions": [{"id": "d", "name": "Service"}],
 "items": [{"id": "a", "dimension": "d", "label": "Clean"},
           {"id": "b", "dimension": "d", "label": "Fast"}]}
JSON
printf 'respondent_id,P_a,P_b\n1,4,3\n2,5,4\n3,3,3\n4,4,5\n5,5,4\n6,2,3\n' >resp.csv
"$SERVQ_BIN/servq-gap-analysis" -i perf.json resp.csv >gaps.json
"$SERVQ_BIN/servq-report" gaps.json
echo "exit $?"
