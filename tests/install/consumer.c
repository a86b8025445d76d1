/*
 * A program outside servq, built by install-test.py against the installed
 * library with only "pkg-config --cflags --libs servq": prints the library
 * version, then the built-in instrument's id and item count.
 */
#include <servq/servq.h>
#include <stdio.h>

int main(void)
{
    struct servq_instrument *ins = NULL;
    enum servq_status st;

    printf("%s\n", servq_version());
    st = servq_instrument_default(&ins);
    if (st != SERVQ_OK) {
        fprintf(stderr, "consumer: %s\n", servq_strerror(st));
        return 1;
    }
    printf("%s %zu\n", servq_instrument_id(ins), servq_instrument_item_count(ins));
    servq_instrument_free(ins);
    return 0;
}
