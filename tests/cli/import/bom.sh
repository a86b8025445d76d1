# A UTF-8 byte-order mark before the header is skipped.
printf '\357\273\277id,E1,P1\nr1,5,6\n' >bom.csv
"$SERVQ_BIN/servq-import" bom.csv
