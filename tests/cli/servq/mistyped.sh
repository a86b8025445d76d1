# A mistyped option or command: one line saying what is wrong, with the
# option or command meant when one is close, and where to read more; never
# the whole --help. Exit 2 each time.
for cmd in import score gap-analysis report merge; do
    "$SERVQ_BIN/servq" $cmd --formatt=json </dev/null
    echo "$cmd exit $?"
done
"$SERVQ_BIN/servq-report" --top </dev/null; echo "missing argument: exit $?"
"$SERVQ_BIN/servq-report" --quiet=yes </dev/null; echo "argument not taken: exit $?"
"$SERVQ_BIN/servq-gap-analysis" --m 3 </dev/null; echo "ambiguous: exit $?"
"$SERVQ_BIN/servq-score" -Z </dev/null; echo "short: exit $?"
"$SERVQ_BIN/servq-merge" --nothing-like-it </dev/null; echo "nothing close: exit $?"
"$SERVQ_BIN/servq" gap-anlysis; echo "command: exit $?"
"$SERVQ_BIN/servq" help reprot; echo "help topic: exit $?"
