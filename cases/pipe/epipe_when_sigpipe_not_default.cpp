// PIPE-09 (edge; pipe(7), write(2) EPIPE, signal(7)): with SIGPIPE ignored,
// blocked or caught, a write with every read end closed fails with EPIPE
// instead of killing; a handler runs once per failed write, a blocked SIGPIPE
// stays pending. The body is shared with FIFO-05 (shared_rules.hpp).
#include "shared_rules.hpp"

CLAIM("PIPE-09", "with SIGPIPE ignored, blocked or caught, writing with no reader fails with EPIPE") {
    rules::epipe_when_sigpipe_not_default({channel::pipe, ""});
}
