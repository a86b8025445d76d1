# Segment names from the data are escaped: a segment named
# <script>alert(1)</script> appears in HTML and Markdown only as
# &lt;script&gt;..., never as a tag; Markdown also escapes | * _ [ ].
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
for fmt in html markdown; do
    "$SERVQ_BIN/servq-report" --format $fmt xss-w47.json >out.$fmt
    echo "$fmt: exit $?"
    echo "  raw <script>: $(grep -c '<script' out.$fmt)"
    echo "  raw <b>: $(grep -c '<b>' out.$fmt)"
    echo "  escaped: $(grep -c '&lt;script&gt;alert(1)&lt;/script&gt;' out.$fmt)"
done
grep -c '<script\|javascript:\|onerror=\|onload=' out.html
grep -F 'a\|b\*c\_\[x\](y) &amp; &lt;b&gt;' out.markdown | head -1
grep -F '">&lt;script&gt;alert(1)&lt;/script&gt;</td>' out.html
