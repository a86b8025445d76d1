# bash completion for servq and servq-CMD                  -*- shell-script -*-
#
# Installed as completions/servq (and a link per servq-CMD) for
# bash-completion, or source it from ~/.bashrc.
#
# Commands and options are read from "servq --help" and "servq-CMD --help"
# (once per shell, PATH and program), so they follow the programs; the
# values of options are listed in _servq_values below (tests/completion
# checks that the commands accept them). Needs no bash-completion helpers.

declare -gA _servq_help_cache 2>/dev/null || declare -A _servq_help_cache

# Sets _servq_help to what "$@ --help" prints.
_servq_run_help()
{
    local key="$PATH|$*"
    if [[ -z ${_servq_help_cache[$key]+set} ]]; then
        _servq_help_cache[$key]=$("$@" --help 2>/dev/null)
    fi
    _servq_help=${_servq_help_cache[$key]}
}

# Sets _servq_opts to "LONG SHORT" per option listed in $_servq_help: LONG
# ends in '=' when the option takes a value ("--color[=WHEN]" too); SHORT
# is "-x" or empty.
_servq_parse_options()
{
    local line re='^ +(-[A-Za-z0-9])?,? *(--[A-Za-z0-9][A-Za-z0-9-]*)(\[?=)?'
    _servq_opts=()
    while IFS= read -r line; do
        [[ $line =~ $re ]] &&
            _servq_opts+=("${BASH_REMATCH[2]}${BASH_REMATCH[3]:+=} ${BASH_REMATCH[1]}")
    done <<<"$_servq_help"
}

# Sets _servq_cmds to the commands under "Commands:" in "$1 --help".
_servq_commands()
{
    local _servq_help line in=0
    _servq_run_help "$1"
    _servq_cmds=()
    while IFS= read -r line; do
        if [[ $line == Commands: ]]; then
            in=1
        elif [[ -z $line ]]; then
            in=0
        elif ((in)) && [[ $line =~ ^\ \ ([a-z][a-z0-9-]*)\  ]]; then
            _servq_cmds+=("${BASH_REMATCH[1]}")
        fi
    done <<<"$_servq_help"
}

# Sets _servq_names to the instruments "$@ --list-instruments" lists (what
# -i NAME finds: installed, or on SERVQ_PATH). Not cached: a directory on
# SERVQ_PATH may get a new instrument at any time.
_servq_instrument_names()
{
    local line re='^  ([^ (][^ ]*) +[0-9]+ items? '
    _servq_names=()
    while IFS= read -r line; do
        [[ $line =~ $re ]] && _servq_names+=("${BASH_REMATCH[1]}")
    done < <("$@" --list-instruments 2>/dev/null)
}

# Sets _servq_vals to the values of option $2 of command $1, or to "@file"
# (any file), "@json" (JSON files), "@instrument" (JSON files and the names
# of instruments) or nothing (free text, a number).
_servq_values()
{
    case $1:$2 in
    *:--instrument) _servq_vals=@instrument ;;
    *:--map) _servq_vals=@json ;;
    *:--rejects | *:--output | import:--stats) _servq_vals=@file ;;
    import:--format) _servq_vals="auto csv sav" ;;
    import:--dialect) _servq_vals="auto generic qualtrics surveymonkey googleforms limesurvey" ;;
    import:--delimiter) _servq_vals=tab ;;
    import:--decimal) _servq_vals=". ," ;;
    import:--date-format) _servq_vals="excel %Y-%m-%d %m/%d/%Y %d/%m/%Y %d.%m.%Y" ;;
    gap-analysis:--format | merge:--format) _servq_vals="json text csv" ;;
    score:--format) _servq_vals="csv jsonl" ;;
    report:--format) _servq_vals="text markdown html" ;;
    *:--lang) _servq_vals="en es pt ru" ;;
    gap-analysis:--period) _servq_vals="week month quarter" ;;
    gap-analysis:--adjust) _servq_vals="holm bh none" ;;
    gap-analysis:--ipa-center) _servq_vals="data scale" ;;
    *:--color) _servq_vals="auto always never" ;;
    *) _servq_vals= ;;
    esac
}

# Sets COMPREPLY to the files (for @json and @instrument, JSON files) and
# directories starting with $2; for @instrument, also the names of
# instruments that "${@:3} --list-instruments" lists.
_servq_files()
{
    local IFS=$'\n' _servq_names
    if [[ $1 == @instrument ]]; then
        COMPREPLY=($(compgen -d -- "$2") $(compgen -f -X '!*.json' -- "$2"))
        if [[ $2 != */* ]]; then
            _servq_instrument_names "${@:3}"
            COMPREPLY+=($(compgen -W "${_servq_names[*]}" -- "$2"))
        fi
    elif [[ $1 == @json ]]; then
        COMPREPLY=($(compgen -d -- "$2") $(compgen -f -X '!*.json' -- "$2"))
    else
        COMPREPLY=($(compgen -f -- "$2"))
    fi
    compopt -o filenames 2>/dev/null
}

# Completes the arguments of command $1 (import, score, ...) in
# _servq_words from index $2 on; the rest of "$@" runs its --help.
_servq_command()
{
    local cmd=$1 first=$2 cur= prev= want= value= o long short i
    local _servq_help _servq_vals
    local -a _servq_opts
    shift 2
    cur=${_servq_words[_servq_cword]}
    ((_servq_cword > first)) && prev=${_servq_words[_servq_cword - 1]}
    _servq_run_help "$@"
    _servq_parse_options

    # --opt=VALUE: readline completes only the part after '=' when '=' breaks
    # words (the default); otherwise the reply must repeat "--opt=".
    if [[ $cur == --*=* ]]; then
        want=${cur%%=*}
        value=${cur#*=}
    elif [[ $prev == -* && $prev != *=* && $prev != -- ]]; then
        for o in "${_servq_opts[@]}"; do
            long=${o%% *}
            short=${o#* }
            if [[ $long == *= && ($prev == "${long%=}" || $prev == "$short") ]]; then
                want=${long%=}
                value=$cur
            fi
        done
    fi
    if [[ -n $want ]]; then
        _servq_values "$cmd" "$want"
        case $_servq_vals in
        @*) _servq_files "$_servq_vals" "$value" "$@" ;;
        *) COMPREPLY=($(compgen -W "$_servq_vals" -- "$value")) ;;
        esac
        if [[ $cur == --*=* && $COMP_WORDBREAKS != *=* ]]; then
            for i in "${!COMPREPLY[@]}"; do
                COMPREPLY[i]=$want=${COMPREPLY[i]}
            done
        fi
        return 0
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${_servq_opts[*]%% *}" -- "$cur"))
        [[ ${COMPREPLY[*]} == *=* ]] && compopt -o nospace 2>/dev/null
        return 0
    fi
    _servq_files @file "$cur"
}

# Sets _servq_words to the command line with "--opt=value" as one word,
# however COMP_WORDBREAKS split it, and _servq_cword to the current word.
_servq_split()
{
    local i w joined=0
    _servq_words=()
    _servq_cword=0
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        if ((i > 0)) && [[ $w == = && ${_servq_words[-1]} == --* &&
            ${_servq_words[-1]} != *=* ]]; then
            _servq_words[-1]+=$w
            joined=1
        elif ((joined)) && [[ ${_servq_words[-1]} == *= ]]; then
            _servq_words[-1]+=$w
            joined=0
        else
            _servq_words+=("$w")
            joined=0
        fi
        ((i == COMP_CWORD)) && _servq_cword=$((${#_servq_words[@]} - 1))
    done
    return 0
}

# servq COMMAND ..., servq help COMMAND
_servq()
{
    local prog cur cmd _servq_cword _servq_help
    local -a _servq_words _servq_cmds _servq_opts
    COMPREPLY=()
    _servq_split
    prog=${_servq_words[0]}
    cur=${_servq_words[_servq_cword]}
    if ((_servq_cword == 1)); then
        if [[ $cur == -* ]]; then
            _servq_run_help "$prog"
            _servq_parse_options
            COMPREPLY=($(compgen -W "${_servq_opts[*]%% *}" -- "$cur"))
        else
            _servq_commands "$prog"
            COMPREPLY=($(compgen -W "${_servq_cmds[*]} help" -- "$cur"))
        fi
        return 0
    fi
    cmd=${_servq_words[1]}
    if [[ $cmd == help ]]; then
        if ((_servq_cword == 2)); then
            _servq_commands "$prog"
            COMPREPLY=($(compgen -W "${_servq_cmds[*]} instruments" -- "$cur"))
        fi
        return 0
    fi
    [[ $cmd == -* ]] && return 0
    _servq_command "$cmd" 2 "$prog" "$cmd"
}

# servq-import ..., servq-score ...
_servq_cmd()
{
    local prog cmd _servq_cword
    local -a _servq_words
    COMPREPLY=()
    _servq_split
    prog=${_servq_words[0]}
    cmd=${prog##*/}
    _servq_command "${cmd#servq-}" 1 "$prog"
}

complete -F _servq servq
complete -F _servq_cmd servq-import servq-score servq-gap-analysis servq-report servq-merge
