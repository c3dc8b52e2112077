#include "vm/guest.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <vector>

namespace runner::kernel {
namespace {

constexpr const char* config_file = "/ipc/guest.json";
constexpr const char* results_dir = "/tmp/ipc-claims-results";
constexpr const char* channel_device = "/dev/ttyS1";

void say(const std::string& line) {
    std::string text = "ipc-claims-guest: " + line + "\n";
    (void)!::write(STDOUT_FILENO, text.data(), text.size());
}

void mount_or_say(const char* source, const char* target, const char* type, unsigned long flags,
                  const char* data = nullptr) {
    ::mkdir(target, 0755);
    if (::mount(source, target, type, flags, data) != 0)
        say(fmt::format("cannot mount {} on {}: {}", type, target, std::strerror(errno)));
}

void write_all(int fd, const std::string& data) {
    std::size_t at = 0;
    while (at < data.size()) {
        ssize_t w = ::write(fd, data.data() + at, data.size() - at);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        at += static_cast<std::size_t>(w);
    }
}

[[noreturn]] void power_off(int channel) {
    if (channel >= 0) {
        ::tcdrain(channel);
        ::close(channel);
    }
    ::sync();
    ::reboot(RB_POWER_OFF);
    ::reboot(RB_AUTOBOOT);  // qemu runs with -no-reboot: a reboot ends it too
    for (;;) ::pause();
}

}  // namespace

bool in_guest() { return ::access(config_file, R_OK) == 0; }

bool is_guest_init() { return ::getpid() == 1 && in_guest(); }

std::string frame_results(const std::string& json) {
    return fmt::format("IPC-CLAIMS-RESULTS {}\n{}\nIPC-CLAIMS-END {}\n", json.size(), json, json.size());
}

std::string frame_error(const std::string& message) {
    std::string line = message;
    for (auto& c : line)
        if (c == '\n') c = ' ';
    return "IPC-CLAIMS-ERROR " + line + "\n";
}

std::optional<std::string> unframe_results(const std::string& stream, std::string& error) {
    if (auto e = stream.find("IPC-CLAIMS-ERROR "); e != std::string::npos) {
        auto nl = stream.find('\n', e);
        error = "the guest says: " + stream.substr(e + 17, nl == std::string::npos ? std::string::npos : nl - e - 17);
        return std::nullopt;
    }
    const std::string head = "IPC-CLAIMS-RESULTS ";
    auto h = stream.find(head);
    if (h == std::string::npos) {
        error = stream.empty() ? "no results arrived from the guest" : "the result channel carried no results frame";
        return std::nullopt;
    }
    auto nl = stream.find('\n', h);
    std::size_t size = 0;
    try {
        size = std::stoull(stream.substr(h + head.size(), nl - h - head.size()));
    } catch (const std::exception&) {
        error = "the results frame has a malformed header";
        return std::nullopt;
    }
    if (nl == std::string::npos || stream.size() - nl - 1 < size) {
        error = fmt::format("the guest's results were cut short ({} of {} bytes)",
                            nl == std::string::npos ? 0 : stream.size() - nl - 1, size);
        return std::nullopt;
    }
    std::string body = stream.substr(nl + 1, size);
    const std::string end = fmt::format("\nIPC-CLAIMS-END {}\n", size);
    if (stream.compare(nl + 1 + size, end.size(), end) != 0) {
        error = "the guest's results frame has no end marker (cut short)";
        return std::nullopt;
    }
    return body;
}

void guest_init() {
    ::umask(022);
    mount_or_say("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC);
    mount_or_say("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC);
    mount_or_say("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755");
    mount_or_say("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
    mount_or_say("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
    // cgroup2 with the pids controller, so that cases get their pids cgroup as on a host.
    if (::mount("cgroup2", "/sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0) {
        std::ofstream("/sys/fs/cgroup/cgroup.subtree_control") << "+pids";
    }
    ::setenv("PATH", "/ipc", 1);
    ::setenv("HOME", "/", 1);
    ::setenv("TMPDIR", "/tmp", 1);

    int channel = ::open(channel_device, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (channel >= 0) {
        termios t{};
        if (::tcgetattr(channel, &t) == 0) {
            ::cfmakeraw(&t);
            ::cfsetspeed(&t, B115200);
            ::tcsetattr(channel, TCSANOW, &t);
        }
    } else {
        say(fmt::format("cannot open the result channel {}: {}", channel_device, std::strerror(errno)));
    }
    utsname u{};
    ::uname(&u);
    say(fmt::format("{} on Linux {}", guest_started_marker + std::strlen("ipc-claims-guest: "), u.release));

    std::vector<std::string> words = {"/ipc/ipc-claims"};
    std::string result_file;
    try {
        std::ifstream in(config_file);
        auto config = nlohmann::json::parse(in);
        words.push_back(config.value("command", "run"));
        for (const auto& a : config.at("args")) words.push_back(a.get<std::string>());
        result_file = config.value("result", "results.json");
        if (result_file.empty() || result_file.find('/') != std::string::npos)
            throw std::invalid_argument("`result` must be a file name");
    } catch (const std::exception& e) {
        if (channel >= 0) write_all(channel, frame_error(std::string("bad /ipc/guest.json: ") + e.what()));
        power_off(channel);
    }
    words.insert(words.end(), {"--out", results_dir});

    pid_t suite = ::fork();
    if (suite == 0) {
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        say(fmt::format("cannot execute {}: {}", argv[0], std::strerror(errno)));
        ::_exit(127);
    }
    int status = 0;
    for (;;) {  // PID 1 reaps every orphan until the suite ends
        int st;
        pid_t pid = ::waitpid(-1, &st, 0);
        if (pid == suite) {
            status = st;
            break;
        }
        if (pid < 0 && errno != EINTR) break;
    }
    std::ifstream in(std::string(results_dir) + "/" + result_file, std::ios::binary);
    std::ostringstream json;
    json << in.rdbuf();
    std::string error;
    if (suite < 0) error = std::string("cannot fork the suite: ") + std::strerror(errno);
    else if (!in || json.str().empty())
        error = fmt::format("`{}` wrote no {} (wait status {:#x})", words[1], result_file, status);
    if (channel >= 0) write_all(channel, error.empty() ? frame_results(json.str()) : frame_error(error));
    say(error.empty() ? "results sent, powering off" : error + ", powering off");
    power_off(channel);
}

}  // namespace runner::kernel
