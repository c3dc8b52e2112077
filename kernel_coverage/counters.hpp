// The kernel's gcov counters, read inside a guest booted from the gcov kernel
// (CONFIG_GCOV_KERNEL): debugfs/gcov holds one .gcda file per profiled object,
// at the object's build path, and `reset` zeroes them all.
#pragma once
#include <filesystem>
#include <string>

namespace kcov {

// Mounts debugfs when it is not mounted yet, and checks that the counters are
// there. Throws std::runtime_error saying why when the kernel has none.
void open_counters();

// Zeroes every counter of the kernel.
void reset_counters();

// Copies every .gcda file to `to`, at its path under debugfs/gcov (so
// `to`/<build path>/ipc/msg.gcda). Returns how many files.
std::size_t snapshot_counters(const std::filesystem::path& to);

// The debugfs directory of the counters.
std::filesystem::path counters_dir();

}  // namespace kcov
