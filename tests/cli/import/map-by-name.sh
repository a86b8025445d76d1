# A map that names only some columns: columns named as servq-import(1)
# names ratings and extras (csat, X_nps, P2) are still mapped, when the map
# maps nothing else there, so CSAT is not n = 0 with nothing said.
cat >i.json <<'JSON'
{"schema": "servq.instrument/1", "id": "shop", "dimensions": [{"id": "d"}],
 "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d"}],
 "extras": [{"id": "csat", "type": "csat"}, {"id": "nps", "type": "nps"}]}
JSON
printf 'Respondent,Branch,Q1_exp,Q1_perc,E2,P2,csat,X_nps,E1\n' >x.csv
printf 'r1,North,5,6,4,5,4,9,1\nr2,South,6,6,5,5,5,10,1\n' >>x.csv
cat >m.json <<'JSON'
{"schema": "servq.map/1", "instrument": "i.json", "id": "Respondent",
 "segments": [{"column": "Branch", "as": "branch"}],
 "columns": [{"column": "Q1_exp", "item": "a", "measure": "E"},
             {"column": "Q1_perc", "item": "a", "measure": "P"},
             {"column": "E2", "item": "b", "measure": "E"}]}
JSON
# E1 stays out: the map maps item a's E from Q1_exp.
"$SERVQ_BIN/servq-import" --map m.json x.csv; echo "exit $?"
# "ignore" keeps a column out; the extra then has no column, which is said.
sed 's/"columns"/"ignore": ["csat"], "columns"/' m.json >ignore.json
"$SERVQ_BIN/servq-import" --map ignore.json x.csv; echo "exit $?"
