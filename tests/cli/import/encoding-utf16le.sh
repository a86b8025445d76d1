# Excel's "Unicode text": UTF-16LE with a BOM, tab-separated; "Málaga" has
# a non-ASCII letter and "Sé" is no rating (the reject shows decoded text).
printf '\377\376i\000d\000\t\000b\000\t\000E\0001\000\t\000P\0001\000\r\000\n\000' >u16.txt
printf 'r\0001\000\t\000M\000\341\000l\000a\000g\000a\000\t\0005\000\t\0006\000\r\000\n\000' >>u16.txt
printf 'r\0002\000\t\000M\000\341\000l\000a\000g\000a\000\t\0005\000\t\000S\000\351\000\r\000\n\000' >>u16.txt
"$SERVQ_BIN/servq-import" -r rejects.csv u16.txt | cut -d, -f1-4
cat rejects.csv
