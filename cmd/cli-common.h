/*
 * Shared helpers for the servq commands, one module each; this header
 * includes them all.
 *
 * Adding a command:
 *   1. cmd/<name>.c with main() in the order setlocale, GSL handler off,
 *      options, work, cleanup; usage(FILE *, argv0) for --help and errors.
 *   2. An entry in servq_commands in cmd/meson.build: it builds and installs
 *      servq-<name> (with the RUNPATH that finds libservq from any prefix)
 *      and its completion link (completion/meson.build), which the install
 *      test checks; give it real work in prefix_install() of
 *      tests/install/install-test.py.
 *   3. Its man page in docs/man/servq-<name>.1.scd.
 *   4. Golden cases in tests/cli/<name>/<case>/ (tests/cli/README.md).
 *   5. The name in the dispatcher's list in cmd/servq.c.
 *   6. Its name in the "complete -F _servq_cmd" line of completion/servq.bash,
 *      and the values of its options in _servq_values there.
 *   7. If it reads input: the limit options of what it reads (CLI_LONGOPT_*
 *      and CLI_USAGE_* in cli-input.h, cli_parse_limit()), a row in docs/limits.md,
 *      and cases in tests/cli/bad-input/. If it writes a file: -o through
 *      cli_output_stdout(), so the file is atomic and signals leave none.
 *   8. If it takes an instrument: -i through cli_load_instrument() (a NAME
 *      or a FILE) and --list-instruments (CLI_LONGOPT_LIST_INSTRUMENTS,
 *      CLI_USAGE_LIST_INSTRUMENTS, cli_list_instruments()).
 */
#ifndef SERVQ_CLI_COMMON_H
#define SERVQ_CLI_COMMON_H

#include "cli-gaps.h"
#include "cli-input.h"
#include "cli-instrument.h"
#include "cli-messages.h"
#include "cli-options.h"
#include "cli-output.h"
#include "cli-progress.h"

#endif
