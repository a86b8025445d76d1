# No FILE reads standard input; an error there names "standard input".
printf 'id,E1,P1\nr1,5,6\nr2,5,six\n' | "$SERVQ_BIN/servq-import" -r rejects.csv
rc=$?
cat rejects.csv
exit $rc
