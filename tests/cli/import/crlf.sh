# CRLF line ends are read; output uses LF; the reject keeps its record.
printf 'id,branch,E1,P1\r\nr1,Centro,5,6\r\nr2,Norte,9,6\r\n' >crlf.csv
"$SERVQ_BIN/servq-import" -r rejects.csv crlf.csv
rc=$?
cat rejects.csv
exit $rc
