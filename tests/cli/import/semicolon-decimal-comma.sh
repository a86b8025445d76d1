# A European export: ';' between fields, ',' as the decimal mark. Output is
# canonical (',' and '.'); a weight with '.' is then not a number.
cat >semicolon.csv <<'CSV'
id;weight;E1;P1;E2;P2;branch
r1;1,5;5;6;4;4;Sur
r2;0,75;7;6;5;7;"Nord;Ost"
r3;2.5;5;6;4;4;Sur
CSV
"$SERVQ_BIN/servq-import" -d ';' --decimal , -r rejects.csv semicolon.csv
rc=$?
cat rejects.csv
exit $rc
