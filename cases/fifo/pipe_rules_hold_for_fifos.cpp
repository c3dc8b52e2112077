// FIFO-05 (edge; fifo(7) "the FIFO ... has the same semantics as a pipe once
// opened", pipe(7)): the pipe rules hold for a FIFO. The very bodies of the
// pipe cases run here over a FIFO, each from the file of its PIPE case (whose
// own claim is left out here): end of file after the writers close (PIPE-06),
// SIGPIPE (PIPE-08) and EPIPE (PIPE-09) after the readers close, the 16-page
// capacity and its page packing (PIPE-11, PIPE-12), and atomic writes up to
// PIPE_BUF (PIPE-14).
#define PIPE_RULES_FOR_FIFO
#include "../pipe/default_capacity_is_16_pages.cpp"
#include "../pipe/eof_after_data.cpp"
#include "../pipe/epipe_when_sigpipe_not_default.cpp"
#include "../pipe/sigpipe_kills_writer.cpp"
#include "../pipe/small_writes_are_atomic.cpp"
#include "../pipe/small_writes_pack_into_pages.cpp"

CLAIM("FIFO-05", "pipe rules hold for FIFOs: EOF, SIGPIPE/EPIPE, capacity, PIPE_BUF atomicity") {
    rules::eof_after_data({channel::fifo, "eof."});
    rules::sigpipe_kills_writer({channel::fifo, "sigpipe."});
    rules::epipe_when_sigpipe_not_default({channel::fifo, "epipe."});
    rules::capacity_filled_by_bytes({channel::fifo, "capacity."});
    rules::capacity_packs_small_writes({channel::fifo, "packing."});
    rules::small_writes_are_atomic({channel::fifo, "atomic."});
}
