/*
 * servq: SPSS system files (.sav, and .zsav with compressed data) as
 * records for the importer.
 *
 * An SPSS file is not a stream: its dictionary is read twice and the
 * parser seeks. So the library reads it through the caller's read and
 * seek callbacks (or from memory), never from a path. What comes out is
 * the same record structure the CSV reader makes: a header record of the
 * variable names, then one record per case with every value as text, so
 * servq_importer_add() imports it exactly as it imports a CSV export.
 */
#ifndef SERVQ_SAV_H
#define SERVQ_SAV_H

#include <stddef.h>

#include "common.h"
#include "reader.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where servq_sav_io.seek counts from, as SEEK_SET, SEEK_CUR, SEEK_END. */
enum servq_seek_from { SERVQ_SEEK_SET = 0, SERVQ_SEEK_CUR, SERVQ_SEEK_END };

/** The caller's access to the file's bytes. */
struct servq_sav_io {
    /**
     * Reads up to len bytes into buf.
     * @returns the number of bytes read, 0 at the end, -1 on an error
     *          (which the caller reports; the read then returns
     *          SERVQ_ERR_ABORTED)
     */
    long long (*read)(void *buf, size_t len, void *user);
    /**
     * Moves to offset bytes from whence; the file starts at offset 0.
     * @returns the new offset, or -1 on an error
     */
    long long (*seek)(long long offset, enum servq_seek_from whence, void *user);
    void *user; /**< passed to both */
};

/**
 * Whether bytes look like an SPSS system file: "$FL2" (.sav) or "$FL3"
 * (.zsav) at the start.
 * @param buf the first bytes of the file
 * @param len how many there are; fewer than 4 never match
 * @returns 1 or 0
 */
SERVQ_API int servq_sav_detect(const void *buf, size_t len);

/**
 * Reads an SPSS system file and hands it to fn as records.
 *
 * The first record is the header: the variable names. Each case then
 * gives one record with a field per variable:
 * - a string variable's value as it is (UTF-8, whatever the file's
 *   character set);
 * - a number as the shortest decimal that reads back as the same double,
 *   with '.' as the decimal mark: a Likert rating is its code (5), not the
 *   code's value label ("Agree");
 * - a number in a date format (DATE, ADATE, EDATE, JDATE, SDATE, MOYR,
 *   QYR, WKYR) as YYYY-MM-DD, in DATETIME or YMDHMS as
 *   YYYY-MM-DD HH:MM:SS;
 * - an empty field for system-missing values and for values the variable
 *   declares missing (user-missing codes such as 9 = "No answer").
 *
 * The header's line is 0; a case's line is its case number, from 1, so an
 * importer's rejects name cases. raw is the case as a CSV record.
 *
 * @param io the file's bytes, read from offset 0 on (a seek there comes first)
 * @param fn receives each record; SERVQ_CB_ABORT stops the read
 * @param user passed to fn
 * @param msg_fn receives a one-line reason when the file is damaged or
 *        unsupported (SERVQ_LEVEL_ERROR, line 0); may be NULL
 * @param msg_user passed to msg_fn
 * @returns SERVQ_OK; SERVQ_ERR_DATA when the file is not a complete SPSS
 *          system file (records already handed to fn stay handed);
 *          SERVQ_ERR_LIMIT for more than 20000 variables or a case over
 *          64 MiB of text; SERVQ_ERR_ABORTED when fn or an io callback
 *          failed; SERVQ_ERR_ARG; SERVQ_ERR_NOMEM
 */
SERVQ_API enum servq_status servq_sav_read(const struct servq_sav_io *io, servq_record_fn fn,
                                           void *user, servq_message_fn msg_fn, void *msg_user);

/**
 * servq_sav_read() from a file held in memory.
 * @param buf the whole file; borrowed for the call
 * @param len its length
 * @returns as servq_sav_read()
 */
SERVQ_API enum servq_status servq_sav_read_memory(const void *buf, size_t len,
                                                  servq_record_fn fn, void *user,
                                                  servq_message_fn msg_fn, void *msg_user);

#ifdef __cplusplus
}
#endif

#endif
