// The CPUs' time as /proc/stat counts it (jiffies since boot): what the bench
// reads to place its processes on the idlest CPUs and to tell how much time
// the hypervisor took (steal) during a run.
#pragma once
#include <map>
#include <string>

namespace bench::detail {

struct CpuTime {
    unsigned long long total = 0;  // every state
    unsigned long long idle = 0;   // idle and iowait
    unsigned long long steal = 0;  // given by the hypervisor to others
};

// Every "cpu" line of /proc/stat by its name: "cpu" (all CPUs), "cpu0" ...
std::map<std::string, CpuTime> cpu_times();

}  // namespace bench::detail
