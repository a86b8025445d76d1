# A map written for the CSV export of a survey works on its SPSS file:
# selectors name variables, and the keys about how the CSV is written
# (dialect, delimiter, decimal, header_rows, skip_rows) do not apply.
printf 'Ident,Sucursal,E_1,P_1,E_2,P_2,E_3,P_3,Nota\n' >x.csv
printf 'A1,Centro,5,4,4,4,5,3,ok\n' >>x.csv
printf 'A2,Norte,4,4,5,3,-1,4,\n' >>x.csv
printf 'A3,Sur,5,3,4,,5,5,"fine, thanks"\n' >>x.csv
"$SERVQ_TEST_BIN/make-sav" x.csv x.sav || exit 1
cat >map.json <<'MAP'
{
  "schema": "servq.map/1",
  "instrument": "data/mini3.json",
  "dialect": "qualtrics",
  "delimiter": ";",
  "decimal": ",",
  "header_rows": 3,
  "skip_rows": 2,
  "na": [-1],
  "id": "Ident",
  "segments": [{"column": "Sucursal", "as": "branch"}],
  "columns": [
    {"column": "E_1", "item": "s1", "measure": "E"},
    {"column": "P_1", "item": "s1", "measure": "P"},
    {"column": "E_2", "item": "s2", "measure": "E"},
    {"column": "P_2", "item": "s2", "measure": "P"},
    {"column": "E_3", "item": "c1", "measure": "E"},
    {"column": "P_3", "item": "c1", "measure": "P"}
  ]
}
MAP
"$SERVQ_BIN/servq-import" --map map.json x.sav
echo "exit $?"
