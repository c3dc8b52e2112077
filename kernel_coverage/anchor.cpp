#include "kernel_coverage/anchor.hpp"

namespace kcov {

const std::vector<Stressor>& anchor_stressors() {
    // A bogo operation of shm and shm-sysv is a whole round of segments of
    // many sizes: fewer of them.
    static const std::vector<Stressor> stressors = {
        {"msg", 2000},        {"sem-sysv", 2000},   {"shm-sysv", 100}, {"mq", 2000},    {"shm", 20},
        {"pipe", 2000},       {"fifo", 2000},       {"splice", 2000},  {"tee", 2000},   {"vm-splice", 2000},
        {"eventfd", 2000},    {"sockpair", 2000},   {"sockfd", 2000},  {"sigq", 2000},  {"sigfd", 2000},
        {"sigpending", 2000}, {"sigsuspend", 2000}, {"sigpipe", 2000}, {"sigrt", 2000}, {"kill", 2000},
    };
    return stressors;
}

std::vector<std::string> stress_ng_command(const Stressor& s, int timeout_s) {
    return {"stress-ng",
            "--" + s.name,
            "1",
            "--" + s.name + "-ops",
            std::to_string(s.ops),
            "--timeout",
            std::to_string(timeout_s) + "s",
            "--metrics-brief"};
}

}  // namespace kcov
