# --help goes to stdout and exits 0.
"$SERVQ_BIN/servq-import" --help
