#!/bin/sh
# Configure-time check that tests/cli/meson.build registers exactly the
# cases on disk (missing expected files are reported when the case runs).
# Usage: check-cases.sh CLI_DIR REGISTERED_CASE...
# Prints one line per problem and exits 1 when there is any.

set -u
dir=$1
shift
status=0
reg=$(mktemp) || exit 1
disk=$(mktemp) || exit 1
trap 'rm -f "$reg" "$disk"' EXIT

for c; do echo "$c"; done | LC_ALL=C sort >"$reg"
(cd "$dir" && find . -mindepth 2 -maxdepth 2 -type f \
    \( -name '*.sh' -o -name '*.stdout' -o -name '*.stderr' -o -name '*.exit' \) \
    ! -path './data/*') | sed 's|^\./||; s/\.[a-z]*$//' | LC_ALL=C sort -u >"$disk"

for c in $(LC_ALL=C comm -13 "$reg" "$disk"); do
    if [ -f "$dir/$c.sh" ]; then
        echo "tests/cli/$c.sh is not registered in tests/cli/meson.build"
    else
        echo "tests/cli/$c.* has expected files but no $c.sh"
    fi
    status=1
done
for c in $(cat "$reg"); do
    if [ ! -f "$dir/$c.sh" ]; then
        echo "tests/cli/meson.build registers '$c', but tests/cli/$c.sh does not exist"
        status=1
    fi
done
if [ "$(for c; do echo "$c"; done | LC_ALL=C sort | uniq -d)" != "" ]; then
    echo "tests/cli/meson.build registers a case twice"
    status=1
fi
exit $status
