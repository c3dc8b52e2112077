// The runner as the guest's init (`ipc-claims run --kernel` boots a kernel
// whose /init is this very program). As PID 1 it mounts /proc, /sys (with
// cgroup2 and the pids controller), /dev, /dev/shm and a tmpfs /tmp, runs
// `ipc-claims COMMAND ARGS --out DIR` as /ipc/guest.json says (`run`, with the
// same isolation and deadlines as on a host; `bench`), sends the file it
// names (results.json, bench.json) to the host over the second
// serial port (/dev/ttyS1, raw, framed: never mixed with the console), and
// powers the machine off with reboot(2).
#pragma once
#include <optional>
#include <string>

namespace runner::kernel {

// True when this process is a guest's init: PID 1 with /ipc/guest.json there.
bool is_guest_init();

// True in any process of such a guest (its init wrote nothing: the
// initramfs holds /ipc/guest.json).
bool in_guest();

// Never returns: powers the guest off.
[[noreturn]] void guest_init();

// The console line the guest's init prints once it runs (the host measures
// the boot time by it).
inline constexpr const char* guest_started_marker = "ipc-claims-guest: init started";

// The result channel's framing:
//   IPC-CLAIMS-RESULTS <n>\n<n bytes of results.json>\nIPC-CLAIMS-END <n>\n
// or, when the suite could not run in the guest,
//   IPC-CLAIMS-ERROR <one line>\n
std::string frame_results(const std::string& results_json);
std::string frame_error(const std::string& message);

// Unframes what the host read from the channel: the results.json text, or
// nullopt with `error` saying what was wrong (nothing arrived, cut short,
// the guest's own error).
std::optional<std::string> unframe_results(const std::string& stream, std::string& error);

}  // namespace runner::kernel
