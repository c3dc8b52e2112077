// PIPE-11 (fix §1.6; pipe(7) "Pipe capacity", fcntl(2) F_GETPIPE_SZ): the
// default capacity is 16 pages (65536 bytes only with 4 KiB pages), not "64 KiB
// by memory alignment" as the document reasons; F_GETPIPE_SZ reports it and a
// non-blocking fill with 1-byte writes accepts exactly that many bytes.
// The body is shared with FIFO-05 (shared_rules.hpp).
#include "shared_rules.hpp"

CLAIM("PIPE-11", "a pipe holds 16 pages: F_GETPIPE_SZ says so and 1-byte writes fill exactly that") {
    rules::capacity_filled_by_bytes({channel::pipe, ""});
}
