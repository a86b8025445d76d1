# Spanish: "De acuerdo" is 6 of 7 but 4 of 5; "No sé" is missing.
cat >i.json <<'JSON'
{"schema": "servq.instrument/1", "id": "two", "dimensions": [{"id": "d"}],
 "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d", "scale": {"min": 1, "max": 5}}]}
JSON
printf '%s\n' 'id;E_a;P_a;E_b;P_b' 'r1;De acuerdo;Totalmente en desacuerdo;De acuerdo;NI DE ACUERDO NI EN DESACUERDO' \
    'r2;Algo de acuerdo;No sé;Totalmente de acuerdo;En desacuerdo' >es.csv
"$SERVQ_BIN/servq-import" -i i.json es.csv
