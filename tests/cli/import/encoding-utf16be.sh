# UTF-16BE with a BOM; the Spanish label "Sí" is not a rating, so the
# decoded text shows in the rejects file.
printf '\376\377\000i\000d\000,\000E\0001\000,\000P\0001\000\n\000r\0001\000,\0005\000,\0006\000\n\000r\0002\000,\0005\000,\000S\000\355\000\n' >u16be.csv
"$SERVQ_BIN/servq-import" -r rejects.csv u16be.csv | cut -d, -f1-3
cat rejects.csv
