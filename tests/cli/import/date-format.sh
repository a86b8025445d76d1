# --date-format: a strftime-like pattern for the date column, matched
# without the locale; it wins over the map's "format". Dates come out ISO.
# The instrument has one item, as the exports here have.
cat >one.json <<'JSON'
{"schema": "servq.instrument/1", "id": "one", "dimensions": [{"id": "d"}],
 "items": [{"id": "q1", "dimension": "d"}]}
JSON
t() { # format, dates...
    f=$1; shift
    printf 'id,date,E1,P1\n' >d.csv
    n=0; for d; do n=$((n + 1)); printf 'r%s,%s,5,6\n' "$n" "$d" >>d.csv; done
    echo "--date-format '$f':"
    "$SERVQ_BIN/servq-import" -i one.json -q -r rej.csv --date-format "$f" d.csv | cut -d, -f1-2 | sed 1d
    sed 1d rej.csv | cut -d, -f1-3
}
t '%m/%d/%Y' '11/16/2026' '1/5/2026' '13/01/2026' '02/30/2026'
t '%d.%m.%Y' '16.11.2026' '16/11/2026'
t '%Y-%m-%d %H:%M' '2026-11-16 08:05' '2026-11-16'
t '%m/%d/%Y %I:%M %p' '11/16/2026 12:30 AM' '11/16/2026 1:05 pm'
t '%d/%m/%y' '16/11/26'
t 'excel' '46342' '46342.5'
# Over the map's format.
printf '{"schema": "servq.map/1", "id": "id", "date": {"column": "date", "format": "%%d.%%m.%%Y"},
 "columns": [{"match": "^([EP])([0-9]+)$", "item": "q$2", "measure": "E"}]}\n' >m.json
printf 'id,date,E1\nr1,11/16/2026,5\n' >m.csv
"$SERVQ_BIN/servq-import" -i one.json -q --map m.json -r rej.csv m.csv >/dev/null; echo "map: exit $?"
sed 1d rej.csv | cut -d, -f2
"$SERVQ_BIN/servq-import" -i one.json -q --map m.json --date-format '%m/%d/%Y' m.csv | cut -d, -f1-3; echo "option: exit $?"
# Formats servq cannot use are usage errors, in a map an error of the map.
"$SERVQ_BIN/servq-import" -i one.json --date-format '%d.%m.%Q' m.csv; echo "exit $?"
"$SERVQ_BIN/servq-import" -i one.json --date-format '%H:%M' m.csv; echo "exit $?"
printf '{"schema": "servq.map/1", "date": {"column": "date", "format": "%%b %%d %%Y"}, "columns": []}\n' >bad.json
"$SERVQ_BIN/servq-import" -i one.json --map bad.json m.csv; echo "exit $?"
# Google Forms: the reason names the formats its dialect tries.
printf 'Timestamp,id,E1,P1\n16/11/2026 10:00,r1,5,6\n11/16/2026 10:00:00,r2,5,6\n' >gf.csv
"$SERVQ_BIN/servq-import" -i one.json -q -r rej.csv gf.csv | cut -d, -f1-2; echo "googleforms: exit $?"
sed 1d rej.csv
