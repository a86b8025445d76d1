# English agreement labels on 7 and 5 points (the instrument's scale picks
# the dictionary), with codes in parentheses and N/A.
cat >i.json <<'JSON'
{"schema": "servq.instrument/1", "id": "two", "dimensions": [{"id": "d"}],
 "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d", "scale": {"min": 1, "max": 5}}]}
JSON
printf '%s\n' 'id,E_a,P_a,E_b,P_b' 'r1,Strongly agree,Somewhat disagree,Agree,Neither agree nor disagree' \
    'r2,agree (6),N/A,strongly disagree,Don'"'"'t know' >en.csv
"$SERVQ_BIN/servq-import" -i i.json en.csv
