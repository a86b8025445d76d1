# Maps that cannot be used stop before any input is read.
printf '{"schema": "servq.map/1", "columns": [{"match": "(", "item": "q1", "measure": "E"}]}' >re.json
printf '{"schema": "servq.map/1", "columns": [{"column": "a", "item": "q1", "measure": "X"}]}' >measure.json
printf '{"schema": "servq.instrument/1", "columns": []}' >schema.json
printf '{"schema": "servq.map/1", "instrument": "nope.json", "columns": []}' >ins.json
# Keys that would be ignored: "ignore_case" without a regular expression,
# "measure" on importance points, a boolean that is not true or false.
printf '{"schema": "servq.map/1", "columns": [{"column": "e1", "ignore_case": true, "item": "q1", "measure": "E"}]}' >icase.json
printf '{"schema": "servq.map/1", "columns": [{"column": "I1", "importance": "d", "measure": "E"}]}' >imp.json
printf '{"schema": "servq.map/1", "complete": "yes", "columns": []}' >bool.json
printf 'id,E1,P1\nr1,5,6\n' >x.csv
for m in re measure schema ins icase imp bool; do
    "$SERVQ_BIN/servq-import" --map $m.json x.csv
    echo "exit $?"
done
