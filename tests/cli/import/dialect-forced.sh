# --dialect overrides detection; --header-rows overrides the dialect.
printf 'note: exported 2026-10-26\nid,E1,P1\nr1,5,6\n' >x.csv
"$SERVQ_BIN/servq-import" --dialect generic --header-rows 2 x.csv | cut -d, -f1-3
"$SERVQ_BIN/servq-import" --dialect nope x.csv; echo "exit $?"
