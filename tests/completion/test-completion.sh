#!/bin/bash
# Sources completion/servq.bash and checks what it completes.
# Usage: test-completion.sh SCRIPT BINDIR SRCDIR
# BINDIR holds servq and servq-CMD; SRCDIR is the source root.
# TAP output.

set -u
script=$1
PATH=$2:$PATH
src=$3
export PATH LC_ALL=C.UTF-8
unset NO_COLOR

# shellcheck source=/dev/null
source "$script" || {
    echo "Bail out! cannot source $script"
    exit 1
}

# shellcheck source=tests/completion/complete-line.bash
source "${BASH_SOURCE%/*}/complete-line.bash"

# "LONG SHORT" per option in servq-$1 --help, as the completion reads it.
help_opts() { # cmd
    local _servq_help
    local -a _servq_opts
    _servq_help=$(servq-"$1" --help)
    _servq_parse_options
    printf '%s\n' "${_servq_opts[@]}"
}

_servq_commands servq
commands=${_servq_cmds[*]}
[[ $commands == *import*score* ]]
ok $? "servq --help lists commands"

# Commands.
# shellcheck disable=SC2086
check "servq " $commands help
check "servq g" gap-analysis
check "servq help r" report
check "servq help " $commands instruments
check "servq help i" import instruments
check "servq -" --help --version
for c in $commands; do
    complete -p "servq-$c" >/dev/null 2>&1
    ok $? "servq-$c has a completion"
done

# Options come from --help, both through servq and directly.
for c in $commands; do
    opts=$(help_opts "$c" | cut -d' ' -f1 | LC_ALL=C sort | tr '\n' ' ')
    complete_line "servq $c --"
    got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ')
    [[ -n $opts && $got == "$opts" ]]
    ok $? "servq $c -- offers every option of servq-$c --help"
    complete_line "servq-$c --"
    got2=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ')
    [[ $got2 == "$got" ]]
    ok $? "servq-$c -- offers the same"
done
check "servq score --f" --format=
check "servq-gap-analysis --ipa" --ipa-center=
check_has "servq-gap-analysis --" --by= --period= --raw-csv --help

# Option values: --opt VALUE, --opt=VALUE, -o VALUE.
check "servq score --format " csv jsonl
check "servq-score --format=" csv jsonl
check "servq-score --format=j" jsonl
check "servq gap-analysis --format " json text csv
check "servq gap-analysis -f t" text
check "servq-gap-analysis --format=c" csv
check "servq gap-analysis --period q" quarter
check "servq gap-analysis --period=" week month quarter
check "servq gap-analysis --adjust " holm bh none
check "servq gap-analysis --ipa-center=" data scale
check "servq-report --lang " en es pt ru
check "servq report -l p" pt
check "servq-gap-analysis --lang=r" ru
if servq-report --help | grep -q -- '--color'; then
    check "servq-report --color=" auto always never
fi
if servq-report --help | grep -q -- '--format'; then
    check "servq report --format " text markdown html
fi
if servq-import --help | grep -q -- '--dialect'; then
    check "servq import --dialect " auto generic qualtrics surveymonkey googleforms limesurvey
    check "servq-import --dialect=q" qualtrics
fi
if servq-import --help | grep -q -- '--date-format'; then
    check "servq import --date-format %m" %m/%d/%Y
    check "servq-import --date-format=e" excel
fi
# Without '=' in COMP_WORDBREAKS, "--format=cs" is one word and the reply
# must repeat the option.
(
    COMP_WORDBREAKS=${COMP_WORDBREAKS//=/}
    COMP_WORDS=(servq-score --format=j)
    COMP_CWORD=1
    COMP_LINE="servq-score --format=j"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _servq_cmd servq-score --format=j servq-score
    [[ ${COMPREPLY[*]} == "--format=jsonl" ]]
) >/dev/null 2>&1
ok $? "'--format=j' without '=' in COMP_WORDBREAKS -> --format=jsonl"

# Files: instruments are JSON files (or directories), inputs any file.
cd "$src" || exit 1
check "servq score -i samples/instruments/servq" samples/instruments/servqual22.json
check "servq-gap-analysis --instrument=samples/instruments/servq" samples/instruments/servqual22.json
check "servq import --instrument samples/in" samples/instruments
# ... and the names of instruments, from --list-instruments: installed (from
# the build tree, the source's samples/instruments) and on SERVQ_PATH.
check "servq score -i servq" servqual22
check "servq-gap-analysis --instrument=qual" quality_treatment14
check "servq-import -i se" service_operations8 servqual22
check "servq gap-analysis -i s" samples scripts service_operations8 servqual22
check "servq score -i samples/instruments/q" samples/instruments/quality_treatment14.json
tmp=$(mktemp -d "${TMPDIR:-/tmp}/servq-completion.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cp tests/data/instruments/kiosk.json "$tmp/kiosk.json"
SERVQ_PATH=$tmp check "servq-score -i k" kiosk
SERVQ_PATH=$tmp check "servq gap-analysis --instrument k" kiosk
check "servq score samples/exp" samples/exports
check "servq import --format " auto csv sav
check "servq-import -f s" sav
check "servq-import samples/exports/gen" samples/exports/generic_servqual.csv

# Every value offered is accepted by the command (checked before --help
# exits), so the lists cannot drift from the programs.
for c in $commands; do
    while read -r long short; do
        [[ $long == *= ]] || continue
        _servq_values "$c" "${long%=}"
        values=$_servq_vals
        [[ -z $values || $values == @* ]] && continue
        bad=
        for v in $values; do
            servq-"$c" "${long}$v" --help >/dev/null 2>&1 || bad+=" $v"
        done
        [[ -z $bad ]]
        ok $? "servq-$c accepts every value offered for ${long%=}"
        [[ -n $bad ]] && echo "#   refused:$bad"
    done < <(help_opts "$c")
done

echo "1..$n"
exit $failed
