# Segment columns travel by name, so two columns of one name would make
# canonical responses no later command can read: refused at the header,
# naming both fields.
printf 'id,branch,branch,E1,P1\nr1,a,b,5,6\n' | "$SERVQ_BIN/servq-import" -
echo "exit $?"
# A reject reason is one line even when the cell holds a line break (the
# record itself is kept verbatim, quoted, in the third field).
printf 'id,E1,P1\nr1,"4\nx",5\n' | "$SERVQ_BIN/servq-import" -q -r rejects.csv - >/dev/null
sed -n 2p rejects.csv | cut -d, -f1-2
