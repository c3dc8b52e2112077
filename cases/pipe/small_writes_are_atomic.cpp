// PIPE-14 (seed §1.5(3); pipe(7) "PIPE_BUF"): a write of at most PIPE_BUF
// bytes is atomic: concurrent writers' records never interleave, even when
// they contend for a full pipe. PIPE_BUF is read with fpathconf.
// The body is shared with FIFO-05 (shared_rules.hpp).
#include "shared_rules.hpp"

CLAIM("PIPE-14", "writes of at most PIPE_BUF bytes from concurrent writers never interleave") {
    rules::small_writes_are_atomic({channel::pipe, ""});
}
