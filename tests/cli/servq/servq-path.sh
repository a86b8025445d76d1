# SERVQ_PATH's directories come first, in their order, then the installed
# one: a user's copy of servqual22 hides the installed one. Empty entries
# are skipped; a directory that cannot be read is listed as such; an
# instrument whose id is not its file name says so; a file that is no
# instrument is reported on stderr, the rest listed, and the exit is 1.
mkdir -p mine theirs
sed 's/"SERVQUAL (22 items)"/"SERVQUAL, our copy"/' samples/instruments/servqual22.json >mine/servqual22.json
cp tests/data/instruments/kiosk.json theirs/kiosk.json
SERVQ_PATH=mine::nowhere:theirs "$SERVQ_BIN/servq" help instruments >list.txt
echo "exit $?"
sed "s|$SERVQ_SRC|SRC|" list.txt
echo '{"schema": "servq.instrument/1"' >theirs/broken.json
SERVQ_PATH=mine:theirs "$SERVQ_BIN/servq-gap-analysis" --list-instruments >/dev/null
echo "exit $?"
# -i NAME takes the first one found: our copy names the text table; with
# no copy on SERVQ_PATH, the installed one does.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
SERVQ_PATH=mine:theirs "$SERVQ_BIN/servq-gap-analysis" -i servqual22 --format text responses.csv |
    head -n 1
SERVQ_PATH=theirs "$SERVQ_BIN/servq" gap-analysis -i servqual22 --format text responses.csv |
    head -n 1
