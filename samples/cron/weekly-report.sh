#!/bin/sh
# weekly-report.sh: the Monday-morning quality report, for cron.
#
# Usage: weekly-report.sh EXPORT.csv
#
# Imports the week's survey export, analyses it (by segment and ISO week,
# against the quality targets when there are any), keeps the analysis in a
# history of one JSON document per week, and writes the HTML report on the
# whole history, oldest week first: the headline, what changed since last
# week, the trend. Every file is replaced atomically, so a web server or a
# mail job never picks up half a report.
#
# Environment (all optional):
#   SERVQ_HOME        where everything goes (default: $HOME/servq):
#                       history/gaps-YYYY-Www.json   one analysis per week
#                       reports/report-YYYY-Www.html the report of that week
#                       reports/latest.html          the newest report
#                       rejects/rejects-YYYY-Www.csv rows import could not use
#   SERVQ_WEEK        the week's label (default: last week, date +%G-W%V)
#   SERVQ_INSTRUMENT  the instrument: a JSON file, or a name that -i finds
#                       (servq help instruments); default: the built-in SERVQUAL-22
#   SERVQ_BY          segment columns for --by (default: branch; empty: none)
#   SERVQ_TARGETS     a targets file (servq.targets/1) for gap-analysis
#   SERVQ_LANG        the report's language: en, es, pt, ru (default: from
#                     LC_ALL, LC_MESSAGES or LANG, which cron rarely sets)
#   SERVQ_WEEKS       how many weeks of history the report shows (default 12)
#   SERVQ_MAX_REJECTS the most rows import may reject before the run fails,
#                     a count (10) or a share of the rows read (5%); default
#                     5%; "none" for no limit. An export import takes nothing
#                     from (dates in a format it was not told, another
#                     instrument's columns...) always fails.
#   SERVQ_IMPORT_OPTS more options for servq import, split at spaces, such
#                     as "--date-format %m/%d/%Y" or "--map /srv/servq/map.json"
#   SERVQ             the servq command (default: servq, from PATH)
#
# Exit status: 0 done; 3 done, but a quality target was missed (cron mails
# the output of a job that prints, and a wrapper can alert on 3); 1 failed,
# and nothing of this week was published (but for the rows a failed import
# rejected, in rejects/rejects-YYYY-Www.csv, which say why). Import's
# messages and warnings go to standard error, so cron mails them.
#
# A crontab (crontab -e), every Monday at 06:15, with a copy of this script
# in /opt/servq and servq installed in /usr/local/bin:
#   PATH=/usr/local/bin:/usr/bin:/bin
#   15 6 * * 1  SERVQ_HOME=/srv/servq SERVQ_LANG=es /opt/servq/weekly-report.sh /srv/exports/week.csv
set -u

export_csv=${1:?usage: weekly-report.sh EXPORT.csv}
home=${SERVQ_HOME:-${HOME:-.}/servq}
week=${SERVQ_WEEK:-$(date -d '7 days ago' +%G-W%V)}
by=${SERVQ_BY-branch}
weeks=${SERVQ_WEEKS:-12}
max_rejects=${SERVQ_MAX_REJECTS:-5%}
[ "$max_rejects" = none ] && max_rejects=
servq=${SERVQ:-servq}

say() { echo "weekly-report: $*" >&2; }

case $week in
"" | .* | *[!A-Za-z0-9._-]*) say "bad week label '$week'"; exit 1 ;;
esac
mkdir -p "$home/history" "$home/reports" "$home/rejects" || exit 1
# Work files live beside the results, so publishing them is a rename.
work=$(mktemp -d "$home/.work.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# 1. Import. --stats keeps rows read, imported and rejected for the report;
#    --max-rejects fails the run on an export that lost too many rows.
stats=$work/import-stats.json
# shellcheck disable=SC2086 # SERVQ_IMPORT_OPTS is split on purpose
if ! "$servq" import -q ${SERVQ_INSTRUMENT:+-i "$SERVQ_INSTRUMENT"} \
    ${max_rejects:+--max-rejects "$max_rejects"} ${SERVQ_IMPORT_OPTS-} \
    --rejects "$work/rejects.csv" --stats "$stats" \
    "$export_csv" >"$work/responses.csv"; then
    if [ -s "$work/rejects.csv" ]; then
        mv -f "$work/rejects.csv" "$home/rejects/rejects-$week.csv" &&
            say "rows import rejected, and why: $home/rejects/rejects-$week.csv"
    fi
    say "import of '$export_csv' failed; nothing of $week was published"
    exit 1
fi

# 2. Analyse. Status 3 (a missed target) still writes the document.
"$servq" gap-analysis ${SERVQ_INSTRUMENT:+-i "$SERVQ_INSTRUMENT"} ${by:+--by "$by"} \
    --period week ${SERVQ_TARGETS:+--targets "$SERVQ_TARGETS"} \
    "$work/responses.csv" >"$work/gaps.json"
status=$?
if [ $status -ne 0 ] && [ $status -ne 3 ]; then
    say "gap-analysis failed (exit $status)"
    exit 1
fi

# 3. Keep the week in the history (replacing a rerun of the same week).
mv -f "$work/gaps.json" "$home/history/gaps-$week.json" || exit 1
mv -f "$work/rejects.csv" "$home/rejects/rejects-$week.csv" || exit 1

# 4. The report on the last $weeks weeks, oldest first: the labels
#    (YYYY-Www) sort in time order, and have no spaces.
set --
for f in $(cd "$home/history" && ls gaps-*.json | LC_ALL=C sort | tail -n "$weeks"); do
    set -- "$@" "$home/history/$f"
done
"$servq" report --format html ${SERVQ_LANG:+--lang "$SERVQ_LANG"} \
    ${stats:+--import-stats "$stats"} -o "$home/reports/report-$week.html" "$@"
status=$?
if [ $status -ne 0 ] && [ $status -ne 3 ]; then
    say "report failed (exit $status)"
    exit 1
fi
cp "$home/reports/report-$week.html" "$work/latest.html" &&
    mv -f "$work/latest.html" "$home/reports/latest.html" || exit 1
[ $status -eq 3 ] && say "$week: a quality target was missed; see $home/reports/latest.html"
exit $status
