// PIPE-12 (fix §1.6; pipe(7) "Pipe capacity"; fs/pipe.c merges a write into
// the last page buffer only if it fits whole): what a pipe accepts depends on
// the write size k: slots x floor(page / k) x k bytes. With 13-byte writes on
// 4 KiB pages that is the document's 65520, but because 315 records fit in
// each of 16 pages, not because the next write would pass 64 KiB.
// The body is shared with FIFO-05 (shared_rules.hpp).
#include "shared_rules.hpp"

CLAIM("PIPE-12", "small writes are packed whole into page buffers, so capacity depends on the write size") {
    rules::capacity_packs_small_writes({channel::pipe, ""});
}
