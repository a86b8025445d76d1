# --max-rejects: a count or a percentage of the rows read.
printf 'id,E1,P1\nr1,5,6\nr2,9,6\nr3,5,6\nr3,5,6\n' >x.csv
"$SERVQ_BIN/servq-import" -q --max-rejects 2 x.csv >/dev/null; echo "exit $?"
"$SERVQ_BIN/servq-import" -q --max-rejects 1 x.csv >/dev/null; echo "exit $?"
"$SERVQ_BIN/servq-import" -q --max-rejects 50% x.csv >/dev/null; echo "exit $?"
"$SERVQ_BIN/servq-import" -q --max-rejects 49% x.csv >/dev/null; echo "exit $?"
"$SERVQ_BIN/servq-import" --max-rejects 5x x.csv; echo "exit $?"
