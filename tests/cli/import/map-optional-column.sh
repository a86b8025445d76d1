# "optional": true on a rule that names its column: a file without that
# column is no error (it was read only with "match" before).
cat >m.json <<'JSON'
{"schema": "servq.map/1", "id": "Respondent", "columns": [
  {"column": "E1", "item": "q1", "measure": "E"}, {"column": "P1", "item": "q1", "measure": "P"},
  {"column": "E2", "item": "q2", "measure": "E", "optional": true}]}
JSON
printf 'Respondent,E1,P1\nr1,5,6\n' >x.csv
"$SERVQ_BIN/servq-import" --map m.json x.csv
