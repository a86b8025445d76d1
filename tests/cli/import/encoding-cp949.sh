# A Korean (CP949) export read with --encoding; without it, Windows-1252.
printf 'id,\261\342\264\353 E1,P1\nr1,5,6\n' >k.csv
"$SERVQ_BIN/servq-import" --encoding CP949 --suggest-map k.csv | grep -A 3 columns
"$SERVQ_BIN/servq-import" --encoding NOPE k.csv
echo "exit $?"
