# An input that cannot be opened or read at all gets its error and no
# "read 0, imported 0, rejected 0" after it.
"$SERVQ_BIN/servq-import" nosuch.csv; echo "exit $?"
mkdir dir.csv
"$SERVQ_BIN/servq-import" dir.csv; echo "exit $?"
