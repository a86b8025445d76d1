# Portuguese labels, any case and accents; "Não sei" is missing.
cat >i.json <<'JSON'
{"schema": "servq.instrument/1", "id": "two", "dimensions": [{"id": "d"}],
 "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d", "scale": {"min": 1, "max": 5}}]}
JSON
printf '%s\n' 'id,E_a,P_a,E_b,P_b' 'r1,Concordo totalmente,Discordo parcialmente,concordo,Nem concordo nem discordo' \
    'r2,Concordo,Não sei,DISCORDO TOTALMENTE,Concordo parcialmente' >pt.csv
"$SERVQ_BIN/servq-import" -i i.json pt.csv
