#include "bench/cpu_time.hpp"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace bench {

std::map<std::string, CpuTime> cpu_times() {
    std::map<std::string, CpuTime> times;
    std::ifstream in("/proc/stat");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("cpu", 0) != 0) continue;
        std::istringstream words(line);
        std::string name;
        unsigned long long v[8] = {};  // user nice system idle iowait irq softirq steal
        words >> name;
        CpuTime t;
        for (auto& x : v)
            if (words >> x) t.total += x;
        t.idle = v[3] + v[4];
        t.steal = v[7];
        times[name] = t;
    }
    return times;
}

std::optional<CpuUse> cpu_use(int cpu) {
    auto times = cpu_times();
    auto it = times.find("cpu" + std::to_string(cpu));
    if (it == times.end()) return std::nullopt;
    const double tick = 1.0 / static_cast<double>(::sysconf(_SC_CLK_TCK));
    return CpuUse{static_cast<double>(it->second.total) * tick,
                  static_cast<double>(it->second.total - it->second.idle) * tick};
}

}  // namespace bench
