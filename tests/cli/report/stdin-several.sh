# Several documents in one input, as cat gaps-*.json gives them, are all
# read (as jq reads a stream): the report is the one the four files give,
# whatever their order (they are sorted by period), on standard input or in
# a file, pretty-printed, one a line, or with nothing between them.
# --max-json-bytes bounds each document, not the input: each is under 200K,
# the four together are not.
. "$SERVQ_SRC/tests/cli/report/data/weekly-docs.sh"
"$SERVQ_BIN/servq-report" w44.json w45.json w46.json w47.json >files.txt
cat w46.json w44.json w47.json w45.json | "$SERVQ_BIN/servq-report" >stdin.txt
echo "exit $?"
sed -n '1,2p' stdin.txt
cmp files.txt stdin.txt && echo "four documents on standard input: the report of the four files"
cat w44.json w45.json >w44-45.json
cat w47.json w46.json | "$SERVQ_BIN/servq-report" w44-45.json - | cmp - files.txt &&
    echo "two in a file, two on standard input: the same"
for f in w44 w45 w46 w47; do tr -d '\n' <$f.json && echo; done |
    "$SERVQ_BIN/servq-report" | cmp - files.txt && echo "one document a line: the same"
cat w44.json w45.json w46.json w47.json | tr -d '\n' |
    "$SERVQ_BIN/servq-report" | cmp - files.txt && echo "nothing between them: the same"
cat w44.json w45.json w46.json w47.json | "$SERVQ_BIN/servq-report" --max-json-bytes 200K |
    cmp - files.txt && echo "--max-json-bytes 200K: the same"
