# Group keys become JSON keys, so each may be named once: a usage error.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by branch,branch data/mini10.csv
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by period --period week data/mini10.csv
echo "exit $?"
