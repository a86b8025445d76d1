# "optional": true on a rule that names its column: a file without that
# column is no error (it was read only with "match" before). Nor is an
# "ignore" selector, "match" or not, that selects nothing.
cat >m.json <<'JSON'
{"schema": "servq.map/1", "id": "Respondent", "columns": [
  {"column": "E1", "item": "q1", "measure": "E"}, {"column": "P1", "item": "q1", "measure": "P"},
  {"column": "E2", "item": "q2", "measure": "E", "optional": true}]}
JSON
cat >ignore.json <<'JSON'
{"schema": "servq.map/1", "id": "Respondent", "ignore": [{"match": "^Notes"}, "Comments"],
 "columns": [{"column": "E1", "item": "q1", "measure": "E"}, {"column": "P1", "item": "q1", "measure": "P"}]}
JSON
printf 'Respondent,E1,P1\nr1,5,6\n' >x.csv
"$SERVQ_BIN/servq-import" --map m.json x.csv
"$SERVQ_BIN/servq-import" -q --map ignore.json x.csv
