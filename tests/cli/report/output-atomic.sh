# -o FILE replaces FILE atomically: a failed write leaves FILE as it was and
# no temporary file behind.
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
mkdir out
echo "old report" >out/report.html

# Success: the report replaces the old one; exit 3 for the missed target.
"$SERVQ_BIN/servq-report" -f html -o out/report.html full-w47.json
echo "exit $?"
ls -A out
head -1 out/report.html

# A write that fails half-way (the file size limit, 1 block): exit 1, the
# old report intact, no temporary file.
echo "old report" >out/report.html
(
    ulimit -f 1
    trap '' XFSZ
    "$SERVQ_BIN/servq-report" -f html -o out/report.html full-w47.json
    echo "exit $?"
)
ls -A out
cat out/report.html

# A device is written in place: /dev/full fails with ENOSPC.
"$SERVQ_BIN/servq-report" -o /dev/full full-w47.json
echo "exit $?"

# A folder that does not exist, and a folder as FILE.
"$SERVQ_BIN/servq-report" -o missing/report.txt full-w47.json
echo "exit $?"
"$SERVQ_BIN/servq-report" -o out full-w47.json
echo "exit $?"

# A bad input after -o: nothing is written and nothing left behind.
echo '{' >bad.json
"$SERVQ_BIN/servq-report" -o out/report.html bad.json
echo "exit $?"
ls -A out

# A read-only folder (root ignores permissions, so only for other users).
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
    if "$SERVQ_BIN/servq-report" -o ro/report.txt full-w47.json 2>/dev/null; then
        echo "FAIL: wrote into a read-only folder"
    fi
    [ -z "$(ls -A ro)" ] || echo "FAIL: left files in a read-only folder"
fi
chmod 755 ro
