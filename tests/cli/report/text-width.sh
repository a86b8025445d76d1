# The text report fits 80 columns in every language, on the sample's weekly
# documents and on the hand-made ones (wc -L counts display columns).
. "$SERVQ_SRC/tests/cli/report/data/weekly-docs.sh"
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
for lang in en es pt ru; do
    for set in "w44.json w45.json w46.json w47.json" "full-w45.json full-w46.json full-w47.json" \
        "xss-w47.json"; do
        for ascii in "" --ascii; do
            # shellcheck disable=SC2086
            "$SERVQ_BIN/servq-report" $ascii --lang $lang $set >out.txt
            w=$(LC_ALL=C.UTF-8 wc -L <out.txt)
            if [ "$w" -gt 80 ]; then
                echo "$lang $ascii ${set%% *}: $w columns"
                LC_ALL=C.UTF-8 awk 'length > 80' out.txt
            fi
        done
    done
done
echo "done"
