# -i NAME finds an installed instrument (here, from the build tree, the
# source's samples/instruments); the document is the built-in's, byte for
# byte. FILE arguments work as before: anything with a '/' or ending in
# .json, or an existing file, is a file.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
"$SERVQ_BIN/servq-gap-analysis" responses.csv >builtin.json
"$SERVQ_BIN/servq-gap-analysis" -i servqual22 responses.csv >by-name.json
cmp builtin.json by-name.json && echo "-i servqual22: the built-in's document"
"$SERVQ_BIN/servq" gap-analysis --instrument=servqual22 responses.csv | cmp - builtin.json &&
    echo "servq gap-analysis --instrument=servqual22: the same"
"$SERVQ_BIN/servq-gap-analysis" -i samples/instruments/servqual22.json responses.csv |
    cmp - builtin.json && echo "-i samples/instruments/servqual22.json: the same"
cp samples/instruments/servqual22.json servqual22
"$SERVQ_BIN/servq-gap-analysis" -i servqual22 responses.csv | cmp - builtin.json &&
    echo "-i servqual22 with a file ./servqual22: the file, the same"
echo 'not json' >servqual22
"$SERVQ_BIN/servq-gap-analysis" -i servqual22 responses.csv
echo "exit $?"
# The other installed instruments by name, on data made for them.
cp "$SERVQ_SRC/tests/data/zot.csv" zot.csv
"$SERVQ_BIN/servq-score" -i quality_treatment14 zot.csv | head -n 1
"$SERVQ_BIN/servq-gap-analysis" -i quality_treatment14 --format text zot.csv | head -n 1
