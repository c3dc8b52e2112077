// The CPUs' time as /proc/stat counts it (jiffies since boot): what the bench
// reads to place its processes on the idlest CPUs and to tell how much time
// the hypervisor took (steal) during a run, and what PERF-01 reads to tell
// how much of its CPU other work took.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace bench {

struct CpuTime {
    unsigned long long total = 0;  // every state
    unsigned long long idle = 0;   // idle and iowait
    unsigned long long steal = 0;  // given by the hypervisor to others
};

// Every "cpu" line of /proc/stat by its name: "cpu" (all CPUs), "cpu0" ...
std::map<std::string, CpuTime> cpu_times();

// One CPU's time since boot as /proc/stat counts it (ticks of 1/CLK_TCK s),
// in seconds: in all and busy (every state but idle and iowait: any
// process's, the kernel's, and the time the hypervisor gave to others);
// nullopt when /proc/stat has no line for it. With this process's and its
// children's CPU time (getrusage) it says how much of a CPU went to other
// work while a measurement ran there.
struct CpuUse {
    double total_s = 0, busy_s = 0;
};
std::optional<CpuUse> cpu_use(int cpu);

}  // namespace bench
