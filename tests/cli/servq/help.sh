"$SERVQ_BIN/servq" --help
