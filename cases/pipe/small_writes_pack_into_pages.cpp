// PIPE-12 (fix §1.6; pipe(7) "Pipe capacity"; fs/pipe.c merges a write into
// the last page buffer only if it fits whole): what a pipe accepts depends on
// the write size k: slots x floor(page / k) x k bytes. With 13-byte writes on
// 4 KiB pages that is the document's 65520, but because 315 records fit in
// each of 16 pages, not because the next write would pass 64 KiB.
// FIFO-05 runs the same rule over a FIFO.
#include <algorithm>
#include <vector>

#include "channel.hpp"
#include "pipe_support.hpp"

namespace rules {

// The write sizes measured: the document's 13, and sizes around the page
// where packing matters most (two writes of page/2 + 1 never share one).
static std::vector<long> packing_sizes(long page) {
    std::vector<long> sizes{13, 100, 1000, page / 2 + 1, page - 1, page};
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    return sizes;
}

// A non-blocking fill with k-byte writes (k <= page) accepts
// slots x floor(page / k) x k bytes: each page buffer takes whole writes only.
static void capacity_packs_small_writes(const channel::Run& run) {
    const long page = ipc::page_size();
    const long size = run.open().capacity();
    const long slots = size / page;
    run.evidence("channel", run.kind.name);
    run.evidence("page_size", page);
    run.evidence("F_GETPIPE_SZ", size);
    run.evidence("page_buffers", slots);

    int refuting_byte_count = 0;
    for (long k : packing_sizes(page)) {
        INFO("write size " << k);
        auto ch = run.open();
        ipc::set_nonblocking(ch.w(), true);
        const auto measured = static_cast<long>(ipc::fill_until_eagain(ch.w(), static_cast<std::size_t>(k)));
        const long packed = slots * (page / k) * k;  // whole writes per page, per buffer
        const long bytes_only = (size / k) * k;      // the document's model: bytes until 64 KiB
        run.evidence("write_size_" + std::to_string(k), "measured " + std::to_string(measured) +
                                                            ", page packing predicts " + std::to_string(packed) +
                                                            ", byte count predicts " + std::to_string(bytes_only));
        CHECK_EQ(measured, packed);
        refuting_byte_count += measured != bytes_only;
    }
    run.evidence("sizes_where_byte_count_is_wrong", refuting_byte_count);
}

}  // namespace rules

PIPE_RULE_CLAIM("PIPE-12", "small writes are packed whole into page buffers, so capacity depends on the write size") {
    rules::capacity_packs_small_writes({channel::pipe, ""});
}
