# A map with an embedded instrument, N/A codes, user labels and a regular
# expression with a "$1" template; the command line overrides the delimiter.
cat >m.json <<'JSON'
{"schema": "servq.map/1",
 "instrument": {"schema": "servq.instrument/1", "id": "mini", "scale": {"min": 1, "max": 5},
   "dimensions": [{"id": "d"}], "items": [{"id": "i1", "dimension": "d"}, {"id": "i2", "dimension": "d"}]},
 "delimiter": ",", "na": [-99], "labels": {"Excellent!": 5, "Skip": null},
 "id": "Resp", "date": {"column": "When", "format": "%d.%m.%Y"},
 "segments": [{"column": "Shop", "as": "branch"}],
 "columns": [{"match": "^Expect ([0-9])$", "item": "i$1", "measure": "E"},
             {"match": "^Got ([0-9])$", "item": "i$1", "measure": "P"}]}
JSON
printf '%s\n' 'Resp|When|Shop|Expect 1|Got 1|Expect 2|Got 2|Ignored' 'a|26.10.2026|North|5|Excellent!|-99|Skip|x' \
    'b|31.02.2026|South|4|4|4|4|y' >x.psv
"$SERVQ_BIN/servq-import" -d '|' --map m.json -r rejects.csv x.psv
cat rejects.csv
