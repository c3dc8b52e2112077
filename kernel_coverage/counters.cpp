#include "kernel_coverage/counters.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/mount.h>

namespace kcov {

namespace fs = std::filesystem;

fs::path counters_dir() { return "/sys/kernel/debug/gcov"; }

void open_counters() {
    if (!fs::exists(counters_dir())) {
        fs::create_directories("/sys/kernel/debug");
        if (::mount("debugfs", "/sys/kernel/debug", "debugfs", 0, nullptr) != 0 && errno != EBUSY)
            throw std::runtime_error(std::string("cannot mount debugfs: ") + std::strerror(errno));
    }
    if (!fs::exists(counters_dir() / "reset"))
        throw std::runtime_error("no " + (counters_dir() / "reset").string() +
                                 ": this kernel has no gcov counters (CONFIG_GCOV_KERNEL)");
}

void reset_counters() {
    std::ofstream reset(counters_dir() / "reset");
    reset << "0\n";
    reset.flush();
    if (!reset) throw std::runtime_error("cannot reset the kernel's gcov counters");
}

std::size_t snapshot_counters(const fs::path& to) {
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(counters_dir())) {
        if (e.is_symlink() || !e.is_regular_file() || e.path().extension() != ".gcda") continue;
        // debugfs reports no size: read to the end.
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream data;
        data << in.rdbuf();
        const fs::path target = to / fs::relative(e.path(), counters_dir());
        fs::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary);
        out << data.str();
        if (!out) throw std::runtime_error("cannot write " + target.string());
        ++files;
    }
    return files;
}

}  // namespace kcov
