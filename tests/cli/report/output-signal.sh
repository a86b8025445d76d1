# SIGTERM or SIGINT while the report waits for its input: the temporary
# file of -o is removed and the destination never appears.
mkdir out
mkfifo pipe
# Waits until servq-report has made its temporary file, then signals it.
signal() { # SIGNAL PID
    i=0
    while [ -z "$(ls -A out)" ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    ls -A out | sed 's/\.report\.txt\.[A-Za-z0-9]*$/.report.txt.XXXXXX/'
    # A watchdog, should the signal be lost: never hang the test suite. It
    # ends by itself once the command is gone. (Started before the signal,
    # so no fork comes between the signal and the wait: sh would report the
    # death of a job it reaps on its own.)
    (
        i=0
        while kill -0 "$2" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -KILL "$2" 2>/dev/null
    ) &
    watchdog=$!
    kill -"$1" "$2"
    wait "$2"
    echo "exit $?"
    wait "$watchdog"
    ls -A out
}
# sh may report "Terminated" for a job it happens to reap on its own: keep
# its messages out of the expected output.
{
    # The temporary file is made before any input is read.
    "$SERVQ_BIN/servq-report" -o out/report.txt pipe &
    signal TERM $!
    # sh starts background jobs with SIGINT ignored (and servq keeps an
    # ignored signal ignored, as nohup expects); env gives back the default.
    env --default-signal=INT "$SERVQ_BIN/servq-report" -o out/report.txt pipe &
    signal INT $!
} 2>/dev/null
