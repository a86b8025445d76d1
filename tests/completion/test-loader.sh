#!/bin/bash
# Completes servq's commands in a bash with bash-completion's loader and
# nothing else sourced: the loader must find the installed completion of
# each command by its name (completions/servq-import ...).
# Usage: test-loader.sh BASH_COMPLETION BINDIR COMPLETIONSDIR
#   BASH_COMPLETION  bash-completion's main script (it sets the loader up)
#   BINDIR           the installed servq and servq-CMD
#   COMPLETIONSDIR   where the completions are installed, ending in
#                    /bash-completion/completions (found through
#                    XDG_DATA_DIRS, as for any prefix)
# TAP output.

set -u
bash_completion=$1
PATH=$2:$PATH
compdir=$3
export PATH LC_ALL=C.UTF-8
unset NO_COLOR BASH_COMPLETION_USER_DIR SERVQ_PATH
datadir=${compdir%/bash-completion/completions}
if [[ $datadir == "$compdir" ]]; then
    echo "Bail out! $compdir does not end in /bash-completion/completions"
    exit 1
fi
export XDG_DATA_DIRS=$datadir

# shellcheck source=/dev/null
source "$bash_completion" || {
    echo "Bail out! cannot source $bash_completion"
    exit 1
}
# shellcheck source=tests/completion/complete-line.bash
source "${BASH_SOURCE%/*}/complete-line.bash"

! complete -p servq-import >/dev/null 2>&1 && ! declare -F _servq_cmd >/dev/null
ok $? "nothing of servq's completion is loaded before the first completion"

# servq and every servq-CMD installed.
commands=$(cd "$2" && ls servq servq-*)

# Forgets servq's completion, so that the next check loads it again.
fresh() {
    # shellcheck disable=SC2086
    complete -r $commands 2>/dev/null
    unset -f _servq _servq_cmd
}

# Each command loads its own file on first use (fresh before each check,
# so no check leans on what an earlier one loaded).
fresh; check "servq-import --enc" --encoding=
fresh; check "servq-report -f " text markdown html
fresh; check "servq-score --f" --format=
fresh; check "servq-gap-analysis --period=" week month quarter
fresh; check "servq-merge --out" --output=
fresh; check "servq h" help
# The installed instruments (share/servq/instruments beside bin/).
fresh; check "servq gap-analysis -i servq" servqual22
fresh; check "servq-import --instrument=qual" quality_treatment14
for c in $commands; do
    fresh
    complete_line "$c --"
    [[ " ${COMPREPLY[*]} " == *" --help "* ]] && complete -p "$c" 2>/dev/null | grep -q -- "-F _servq"
    ok $? "$c loads servq's completion from $compdir/$c"
done

echo "1..$n"
exit $failed
