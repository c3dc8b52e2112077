// MQ-01 (mq_overview(7) "Each message queue is identified by a name of the
// form /somename; that is, a null-terminated string of up to NAME_MAX (i.e.,
// 255) characters consisting of an initial slash, followed by one or more
// characters, none of which are slashes"; mq_open(3) ERRORS EINVAL, EACCES
// "name contained more than one slash", ENOENT "name was just "/"",
// ENAMETOOLONG): a name must be one slash and then a filename. mq_open
// refuses each other form with the errno the man page gives it, and accepts
// a name of exactly NAME_MAX characters after the slash.
#include "mq_support.hpp"

namespace {
// mq_open(name, O_CREAT | O_RDWR) with small attributes: "created" (and the
// queue is unlinked again) or the errno name.
std::string create_named(const std::string& name) {
    mqcase::UnlinkName cleanup(name);
    const mqd_t q = mqcase::create(name, 1, 8);
    if (q == -1) return ipc::errno_name(errno);
    ::mq_close(q);
    return "created";
}
}  // namespace

CLAIM("MQ-01", "a queue name is one slash and then a filename; mq_open refuses other forms") {
    const std::string unique = mqcase::fresh_name("n").substr(1);  // no slash of its own
    const std::string filename(NAME_MAX, 'n');
    const struct {
        std::string what, name, expected;
    } names[] = {
        {"no_leading_slash", unique, "EINVAL"},
        {"empty", "", "EINVAL"},
        {"dot", ".", "EINVAL"},
        {"second_slash", "/" + unique + "/x", "EACCES"},
        {"slash_alone", "/", "ENOENT"},
        {"NAME_MAX+1_after_slash", "/" + filename + "n", "ENAMETOOLONG"},
        {"NAME_MAX_after_slash", "/" + filename, "created"},
        {"slash_then_filename", "/" + unique, "created"},
    };
    for (const auto& n : names) {
        const auto got = create_named(n.name);
        ipc::evidence("mq_open." + n.what, got);
        INFO("name form: " << n.what);
        CHECK_EQ(got, n.expected);
    }
}
