# What the completion tests share: TAP lines, and completing a command
# line as readline would. Sourced by test-completion.sh and test-loader.sh.
# shellcheck shell=bash

n=0
failed=0
ok() { # status description
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=1
    fi
}

# Completes a command line typed up to its end, as readline splits it (so
# "=" is a word of its own when COMP_WORDBREAKS holds it); sets COMPREPLY.
complete_line() { # line
    local line=$1 spec func
    COMP_LINE=$line
    COMP_POINT=${#line}
    # Split like readline: blanks separate words, "=" is a word.
    COMP_WORDS=()
    local w rest=$line
    while [[ -n $rest ]]; do
        rest=${rest#"${rest%%[! ]*}"}
        [[ -z $rest ]] && break
        w=${rest%%[ =]*}
        if [[ -z $w ]]; then
            COMP_WORDS+=("=")
            rest=${rest#=}
        else
            COMP_WORDS+=("$w")
            rest=${rest#"$w"}
        fi
    done
    [[ $line == *[\ =] ]] && COMP_WORDS+=("")
    # A trailing "=" already is the current word.
    if [[ $line == *= ]]; then
        unset 'COMP_WORDS[${#COMP_WORDS[@]}-1]'
    fi
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    # As readline: the command's completion, else the default one (-D, as
    # bash-completion's loader is), which returns 124 once it has loaded
    # the command's: then that one, again.
    local try status
    for try in 1 2; do
        spec=$(complete -p "${COMP_WORDS[0]##*/}" 2>/dev/null) ||
            spec=$(complete -p -D 2>/dev/null) || {
            COMPREPLY=()
            return 1
        }
        func=${spec#*-F }
        func=${func%% *}
        COMPREPLY=()
        "$func" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        status=$?
        ((status == 124)) || return $status
    done
    return 1
}

# Checks that completing line gives exactly the words in want (any order).
check() { # line want...
    local line=$1 w same=1
    local -A got=()
    shift
    complete_line "$line"
    for w in "${COMPREPLY[@]}"; do got[$w]=1; done
    ((${#got[@]} == $# && ${#COMPREPLY[@]} == $#)) || same=0
    for w; do [[ -n ${got[$w]-} ]] || same=0; done
    if ((same)); then
        ok 0 "'$line' -> $*"
    else
        ok 1 "'$line' -> $*"
        echo "#   got: ${COMPREPLY[*]}"
    fi
}

# Checks that completing line offers (at least) the words in want.
check_has() { # line want...
    local line=$1 w missing=
    shift
    complete_line "$line"
    for w; do
        [[ " ${COMPREPLY[*]} " == *" $w "* ]] || missing+=" $w"
    done
    ok "$([[ -z $missing ]]; echo $?)" "'$line' offers $*"
    [[ -n $missing ]] && echo "#   missing:$missing; got: ${COMPREPLY[*]}"
    return 0
}
