// PIPE-06 (seed §1.4(3); pipe(7) "I/O on pipes and FIFOs", read(2)): once
// every write end is closed, read() first returns the data still in the pipe,
// then 0 (end of file), at once and on every later call.
// The body is shared with FIFO-05 (shared_rules.hpp).
#include "shared_rules.hpp"

CLAIM("PIPE-06", "after the writers close, read() returns the rest of the data, then 0 repeatedly") {
    rules::eof_after_data({channel::pipe, ""});
}
