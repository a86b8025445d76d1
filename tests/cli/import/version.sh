# --version prints "PROG (servq) VERSION" on stdout.
"$SERVQ_BIN/servq-import" --version
