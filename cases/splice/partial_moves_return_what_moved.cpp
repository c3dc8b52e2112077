// SPLICE-04 (edge; splice(2) and tee(2) "Upon successful completion ...
// returns the number of bytes spliced" / "duplicated"): splice and tee
// between pipes return at once with what could move: the bytes the source
// holds when it holds fewer than asked for, and what fits when the
// destination has room for less.
#include "splice_support.hpp"

CLAIM("SPLICE-04", "splice and tee between pipes move what the source holds or what fits, and say so") {
    spl::require_calls(spl::uses_splice | spl::uses_tee);
    const long page = ipc::page_size();
    const std::string two_pages = spl::pattern(static_cast<std::size_t>(2 * page));

    // Half a page there, a page asked for.
    for (const char* call : {"splice", "tee"}) {
        const std::string key = std::string(call) + ".half_page_held";
        auto from = ipc::Pipe::make();
        auto to = ipc::Pipe::make();
        REQUIRE(ipc::write_all(from.w(), two_pages.substr(0, static_cast<std::size_t>(page / 2))));
        auto r = std::string(call) == "splice" ? spl::splice(key, from.r(), nullptr, to.w(), nullptr, page)
                                               : spl::tee(key, from.r(), to.w(), page);
        CHECK_EQ(r, spl::moved(page / 2));
    }

    // Two pages there, room for one page (a two-page pipe holding one).
    for (const char* call : {"splice", "tee"}) {
        const std::string key = std::string(call) + ".room_for_one_page";
        auto from = ipc::Pipe::make();
        auto to = ipc::Pipe::make();
        REQUIRE(ipc::write_all(from.w(), two_pages));
        ipc::must(::fcntl(to.w(), F_SETPIPE_SZ, static_cast<int>(2 * page)), "F_SETPIPE_SZ");
        ipc::evidence(key + ".destination_capacity", to.capacity());
        REQUIRE(ipc::write_all(to.w(), two_pages.substr(0, static_cast<std::size_t>(page))));
        auto r = std::string(call) == "splice" ? spl::splice(key, from.r(), nullptr, to.w(), nullptr, 2 * page)
                                               : spl::tee(key, from.r(), to.w(), 2 * page);
        CHECK_EQ(r, spl::moved(page));
    }
}
