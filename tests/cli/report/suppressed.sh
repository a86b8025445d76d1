# When everyone's group is suppressed (fewer respondents than --min-n), the
# report shows no figures, in every format.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --min-n 50 data/mini10.csv >gaps.json
"$SERVQ_BIN/servq-report" gaps.json
echo "exit $?"
"$SERVQ_BIN/servq-report" --format markdown --lang ru gaps.json | sed -n '/^## /,/^$/p' | head -8
"$SERVQ_BIN/servq-report" --format html gaps.json | grep -c '<svg'
