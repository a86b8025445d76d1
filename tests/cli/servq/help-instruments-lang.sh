# The names are in the language of LC_MESSAGES or LANG (as the report's
# are), with English for a language servq does not speak.
unset LC_ALL
LC_MESSAGES=pt_BR.UTF-8 "$SERVQ_BIN/servq" help instruments | sed "s|$SERVQ_SRC|SRC|"
LANG=ru_RU.UTF-8 "$SERVQ_BIN/servq-score" --list-instruments | sed "s|$SERVQ_SRC|SRC|" | tail -n 3
LANG=de_DE.UTF-8 "$SERVQ_BIN/servq-import" --list-instruments | sed "s|$SERVQ_SRC|SRC|" | tail -n 1
# gap-analysis's --lang wins over the environment.
LANG=es_ES.UTF-8 "$SERVQ_BIN/servq-gap-analysis" --lang ru --list-instruments | tail -n 1
