# Not valid UTF-8: decoded as Windows-1252 and said so ("Mü" and the euro
# sign are single bytes).
printf 'id,branch,E1,P1\nr1,M\374nchen \200,5,6\n' >w.csv
"$SERVQ_BIN/servq-import" w.csv | cut -d, -f1-4
