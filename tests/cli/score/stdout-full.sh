# A write error on stdout (here /dev/full) is reported at exit: exit 1.
"$SERVQ_BIN/servq-score" -i data/mini3.json data/mini10.csv >/dev/full
