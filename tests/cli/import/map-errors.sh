# Maps that cannot be used stop before any input is read.
printf '{"schema": "servq.map/1", "columns": [{"match": "(", "item": "q1", "measure": "E"}]}' >re.json
printf '{"schema": "servq.map/1", "columns": [{"column": "a", "item": "q1", "measure": "X"}]}' >measure.json
printf '{"schema": "servq.instrument/1", "columns": []}' >schema.json
printf '{"schema": "servq.map/1", "instrument": "nope.json", "columns": []}' >ins.json
printf 'id,E1,P1\nr1,5,6\n' >x.csv
for m in re measure schema ins; do
    "$SERVQ_BIN/servq-import" --map $m.json x.csv
    echo "exit $?"
done
