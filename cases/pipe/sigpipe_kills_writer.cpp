// PIPE-08 (seed §1.4(4); pipe(7), signal(7)): writing to a pipe whose read
// ends are all closed kills the writer with SIGPIPE, whose default action
// terminates without a core dump. The case relies on the default disposition
// that the runner guarantees and records the one it found.
// The body is shared with FIFO-05 (shared_rules.hpp).
#include "shared_rules.hpp"

CLAIM("PIPE-08", "a writer with no reader left dies of SIGPIPE, without a core dump") {
    rules::sigpipe_kills_writer({channel::pipe, ""});
}
