# Russian labels, with feminine forms ("согласна"); "Не знаю" is missing.
cat >i.json <<'JSON'
{"schema": "servq.instrument/1", "id": "two", "dimensions": [{"id": "d"}],
 "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d", "scale": {"min": 1, "max": 5}}]}
JSON
printf '%s\n' 'id,E_a,P_a,E_b,P_b' 'r1,Полностью согласен,Скорее не согласна,Согласна,Не знаю' \
    'r2,Не согласен,Полностью не согласна,Полностью согласен,Ни согласен ни не согласен' >ru.csv
"$SERVQ_BIN/servq-import" -i i.json ru.csv
