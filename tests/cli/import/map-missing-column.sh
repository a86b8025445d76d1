# A column the map names but the file lacks: the error lists the columns.
cat >m.json <<'JSON'
{"schema": "servq.map/1", "id": "Respondent", "columns": [
  {"column": "E1", "item": "q1", "measure": "E"}, {"column": "Q2 perception", "item": "q1", "measure": "P"}]}
JSON
printf 'Respondent,E1,P1\nr1,5,6\n' >x.csv
"$SERVQ_BIN/servq-import" --map m.json x.csv
