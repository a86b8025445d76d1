# Other files that are not exports, each named by its first bytes: an
# OpenDocument spreadsheet, a ZIP archive, an Excel 97-2003 (OLE2) file, a
# PDF, a PNG, a JPEG and gzip-compressed CSV. No accounting line follows.
for f in survey.ods export.zip survey.xls report.pdf chart.png photo.jpg export.csv.gz; do
    cp "data/not-csv/$f" .
    "$SERVQ_BIN/servq-import" "$f"; echo "$f: exit $?"
done
# A compressed export is imported once decompressed.
zcat export.csv.gz | "$SERVQ_BIN/servq-import"; echo "zcat: exit $?"
