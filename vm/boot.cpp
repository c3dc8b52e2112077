#include "vm/boot.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <fstream>
#include <map>
#include <poll.h>
#include <set>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/io.hpp"
#include "ipc/signals.hpp"
#include "report/junit.hpp"
#include "vm/guest.hpp"
#include "vm/initramfs.hpp"
#include "report/matrix.hpp"
#include "report/report.hpp"
#include "model/results.hpp"

namespace runner::kernel {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string tail_lines(const std::string& text, std::size_t lines) {
    std::size_t at = text.size();
    while (lines > 0 && at > 0) {
        at = text.rfind('\n', at - 1);
        if (at == std::string::npos) return text;
        --lines;
    }
    return text.substr(at == text.size() ? at : at + 1);
}

int make_memfd(const char* name) {
    int fd = ::memfd_create(name, 0);  // inherited by qemu, which opens it as /proc/self/fd/N
    if (fd < 0) throw std::runtime_error(std::string("memfd_create: ") + std::strerror(errno));
    return fd;
}

struct Machine {
    std::string image;
    std::string label;  // the release from the image's header, else the file's name
    std::optional<ImageHeader> header;
    pid_t pid = -1;
    int console_fd = -1;  // qemu's stdout and stderr: the guest's console
    int results_fd = -1;  // memfd behind the second serial port
    std::string console, partial_line;
    Clock::time_point start;
    std::optional<double> boot_s;
    bool reaped = false, timed_out = false;
    int wait_status = 0;
    std::string accel;
};

// qemu's command line for one kernel.
std::vector<std::string> qemu_command(const KernelOptions& k, const std::string& accel, const std::string& image,
                                      int initramfs_fd, int results_fd, const std::string& append) {
    std::vector<std::string> cmd = {k.qemu,
                                    "-nodefaults",
                                    "-no-user-config",
                                    "-display",
                                    "none",
                                    "-no-reboot",
                                    "-machine",
                                    "pc",
                                    "-m",
                                    std::to_string(k.memory_mb),
                                    "-smp",
                                    std::to_string(k.cpus),
                                    "-kernel",
                                    image};
    if (accel == "kvm") cmd.insert(cmd.end(), {"-accel", "kvm", "-cpu", "host"});
    else cmd.insert(cmd.end(), {"-accel", "tcg", "-cpu", k.tcg_cpu});
    if (initramfs_fd >= 0) cmd.insert(cmd.end(), {"-initrd", fmt::format("/proc/self/fd/{}", initramfs_fd)});
    cmd.insert(cmd.end(), {"-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console"});
    if (results_fd >= 0)
        cmd.insert(cmd.end(), {"-chardev", fmt::format("file,id=results,path=/proc/self/fd/{}", results_fd), "-serial",
                               "chardev:results"});
    cmd.insert(cmd.end(), {"-append", append});
    return cmd;
}

// Starts qemu with stdin /dev/null and stdout+stderr into a pipe; returns the pid.
pid_t spawn(const std::vector<std::string>& cmd, int& out_fd) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a runner killed outright takes its machines along
        ::setpgid(0, 0);                     // the terminal's ^C goes to the runner, which stops qemu
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        int in = ::open("/dev/null", O_RDONLY);
        ::dup2(in, STDIN_FILENO);
        ::dup2(p[1], STDOUT_FILENO);
        ::dup2(p[1], STDERR_FILENO);
        std::vector<char*> argv;
        for (auto& w : const_cast<std::vector<std::string>&>(cmd)) argv.push_back(w.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        std::string msg = fmt::format("cannot execute {}: {}\n", argv[0], std::strerror(errno));
        (void)!::write(STDERR_FILENO, msg.data(), msg.size());
        ::_exit(127);
    }
    ::close(p[1]);
    out_fd = p[0];
    return pid;
}

// A short boot with KVM: does the guest print its banner and end by itself?
bool kvm_works(const KernelOptions& k, const std::string& image, std::string& why) {
    if (::access("/dev/kvm", R_OK | W_OK) != 0) {
        why = "/dev/kvm is not usable";
        return false;
    }
    int fd = -1;
    auto cmd = qemu_command(k, "kvm", image, -1, -1, "console=ttyS0 panic=-1 rdinit=/no-such-init root=/dev/null");
    pid_t pid = spawn(cmd, fd);
    std::string console;
    const auto start = Clock::now();
    bool eof = false;
    while (!eof && seconds_since(start) < 20) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        char buf[4096];
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) eof = true;
        else console.append(buf, static_cast<std::size_t>(n));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    ::close(fd);
    if (console.find("Linux version") != std::string::npos && eof) return true;
    why = eof ? "qemu with KVM failed: " + tail_lines(console, 2) : "a KVM guest printed nothing within 20 s";
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return false;
}

void show_progress(Machine& m, const std::string& line, const LineFilter& shows) {
    if (line.rfind(guest_started_marker, 0) == 0 && !m.boot_s) {
        m.boot_s = seconds_since(m.start);
        fmt::print("[{}] booted in {:.1f} s ({})\n", m.label, *m.boot_s, m.accel);
    } else if (shows(line) || line.rfind("ipc-claims", 0) == 0) {
        fmt::print("[{}] {}\n", m.label, line);
    } else {
        return;
    }
    std::fflush(stdout);
}

void read_console(Machine& m, const LineFilter& shows) {
    char buf[16384];
    ssize_t n = ::read(m.console_fd, buf, sizeof buf);
    if (n <= 0) {
        ::close(m.console_fd);
        m.console_fd = -1;
        return;
    }
    m.console.append(buf, static_cast<std::size_t>(n));
    m.partial_line.append(buf, static_cast<std::size_t>(n));
    std::string::size_type nl;
    while ((nl = m.partial_line.find('\n')) != std::string::npos) {
        std::string line = m.partial_line.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        show_progress(m, line, shows);
        m.partial_line.erase(0, nl + 1);
    }
}

std::string describe_wait(int status) {
    if (WIFEXITED(status)) return fmt::format("qemu exited with code {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return fmt::format("qemu was killed by signal {}", WTERMSIG(status));
    return "qemu ended";
}

nlohmann::json vm_environment(const Machine& m, const KernelOptions& k) {
    nlohmann::json vm = {{"image", fs::absolute(m.image).string()},
                         {"accel", m.accel},
                         {"qemu", k.qemu},
                         {"memory_mb", k.memory_mb},
                         {"cpus", k.cpus},
                         {"wall_s", seconds_since(m.start)}};
    if (m.boot_s) vm["boot_s"] = *m.boot_s;
    if (m.header) vm["image_version"] = m.header->version;
    if (!k.append.empty()) vm["append"] = k.append;
    return vm;
}

// How a machine ended: the result file's text, or why there is none.
GuestOutcome outcome_of(const KernelOptions& k, const Machine& m) {
    GuestOutcome o;
    o.image = m.image;
    o.label = m.label;
    o.console = m.console;
    o.vm = vm_environment(m, k);
    o.seconds = seconds_since(m.start);
    o.boot_s = m.boot_s;
    if (m.timed_out) {
        o.why = fmt::format("no results within the kernel's deadline of {:.0f} s (hung or too slow); qemu killed",
                            k.kernel_timeout_s);
    } else if (!m.header) {
        o.why = "not a Linux kernel image (no bzImage setup header)";
    } else {
        std::string framing_error;
        o.body = unframe_results(ipc::pread_all(m.results_fd), framing_error);
        if (!o.body) {
            o.why = framing_error + "; " + describe_wait(m.wait_status);
            if (auto p = m.console.find("Kernel panic - not syncing:"); p != std::string::npos) {
                std::string line = m.console.substr(p, m.console.find('\n', p) - p);
                while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
                o.why = "the kernel panicked (" + line + "); " + framing_error;
            }
        }
    }
    return o;
}

// Every selected claim BROKEN for this kernel, saying why.
RunResults broken_run(const RunOptions& opt, const GuestOutcome& o, const std::optional<ImageHeader>& header) {
    RunResults r;
    r.environment = {{"kernel", {{"release", o.label}, {"version", header ? header->version : ""}}},
                     {"boot_failure", o.why}};
    const std::string tail = tail_lines(o.console, 25);
    for (const auto& c : opt.selected) {
        if (!c.implemented()) continue;
        CaseResult cr;
        cr.claim = c.id;
        cr.case_path = c.case_path();
        cr.status = Status::Broken;
        cr.exit = "kernel " + o.label + ": " + o.why;
        cr.output = tail;
        cr.isolation = "none";
        r.cases.push_back(cr);
    }
    return r;
}

}  // namespace

bool is_status_word(const std::string& line) {
    for (const char* w : {"PASS ", "FAIL ", "SKIP ", "BROKEN ", "TIMEOUT "})
        if (line.rfind(w, 0) == 0) return true;
    return false;
}

RunResults guest_run_results(const RunOptions& opt, GuestOutcome& o) {
    std::optional<RunResults> results;
    if (o.body) {
        const auto j = nlohmann::json::parse(*o.body, nullptr, false);
        try {
            if (j.is_discarded()) throw std::runtime_error("the guest's results.json is not valid JSON");
            results = results_from_json(j, "the guest's results.json");
        } catch (const std::exception& e) {
            o.why = e.what();
        }
    }
    if (!results) results = broken_run(opt, o, read_image_header(o.image));
    // Never missing: a selected claim the guest did not report is BROKEN.
    std::set<std::string> reported;
    for (const auto& c : results->cases) reported.insert(c.claim);
    for (const auto& c : opt.selected)
        if (c.implemented() && !reported.count(c.id)) {
            CaseResult cr;
            cr.claim = c.id;
            cr.case_path = c.case_path();
            cr.exit = "kernel " + o.label + ": the guest reported no result for this claim";
            results->cases.push_back(cr);
        }
    results->environment["vm"] = o.vm;
    return *results;
}

namespace {

struct Finished {
    fs::path dir;
    bool all_good = false;
};

// A kernel's run written as `run` writes it, in DIR/<release>/.
Finished finish(const RunOptions& opt, GuestOutcome o) {
    const RunResults results = guest_run_results(opt, o);
    Finished f;
    f.dir = opt.out_dir / guest_release(results.environment, o.label);
    fs::create_directories(f.dir);
    write_text_file(f.dir / "console.log", o.console);
    write_json_file(f.dir / "results.json", to_json(results));
    write_junit(f.dir / "junit.xml", results, opt.claims);
    write_report(f.dir, results, opt.claims, opt.peer_checks);

    std::map<Status, int> count;
    for (const auto& r : results.cases) ++count[r.status];
    f.all_good = count[Status::Fail] + count[Status::Broken] + count[Status::Timeout] == 0;
    if (!o.why.empty()) {
        print_failure(o);
        fmt::print(stderr, "[{}] every selected claim is BROKEN for this kernel\n", o.label);
    }
    fmt::print("[{}] {} cases in {:.1f} s{}: {} passed, {} failed, {} skipped, {} broken, {} timed out\n"
               "[{}] results: {}\n",
               o.label, results.cases.size(), o.seconds, o.boot_s ? fmt::format(" (boot {:.1f} s)", *o.boot_s) : "",
               count[Status::Pass], count[Status::Fail], count[Status::Skip], count[Status::Broken],
               count[Status::Timeout], o.label, (f.dir / "results.json").string());
    std::fflush(stdout);
    return f;
}

}  // namespace

std::optional<ImageHeader> read_image_header(const fs::path& image) {
    std::ifstream in(image, std::ios::binary);
    if (!in) return std::nullopt;
    std::string head(0x10000, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.size() < 0x210 || head.compare(0x202, 4, "HdrS") != 0) return std::nullopt;
    ImageHeader h;
    unsigned offset = static_cast<unsigned char>(head[0x20E]) | (static_cast<unsigned char>(head[0x20F]) << 8);
    if (offset != 0 && offset + 0x200u < head.size()) {
        h.version = std::string(head.c_str() + offset + 0x200);
        h.release = h.version.substr(0, h.version.find(' '));
    }
    return h;
}

fs::path find_in_path(const std::string& name) {
    if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? fs::path(name) : fs::path();
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::string::size_type start = 0;
    while (start <= dirs.size()) {
        auto colon = dirs.find(':', start);
        if (colon == std::string::npos) colon = dirs.size();
        fs::path candidate = fs::path(dirs.substr(start, colon - start)) / name;
        if (colon > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = colon + 1;
    }
    return {};
}

std::string guest_release(const nlohmann::json& environment, const std::string& label) {
    std::string release = environment.value("/kernel/release"_json_pointer, label);
    if (release.empty() || release.find('/') != std::string::npos) release = label;
    return release;
}

void print_failure(const GuestOutcome& o) {
    fmt::print(stderr, "[{}] kernel {} FAILED: {}\n[{}] the console's last lines:\n", o.label, o.image, o.why, o.label);
    std::string tail = tail_lines(o.console, 15);
    std::string::size_type at = 0;
    while (at < tail.size()) {
        auto nl = tail.find('\n', at);
        if (nl == std::string::npos) nl = tail.size();
        fmt::print(stderr, "[{}]   | {}\n", o.label, tail.substr(at, nl - at));
        at = nl + 1;
    }
    if (tail.empty()) fmt::print(stderr, "[{}]   (the console is empty)\n", o.label);
}

int boot_kernels(const GuestTask& task, const KernelOptions& k_in, const GuestDone& done) {
    KernelOptions k = k_in;
    if (k.images.empty()) throw std::invalid_argument("--kernel needs a kernel image");
    fs::path qemu = find_in_path(k.qemu);
    if (qemu.empty())
        throw std::invalid_argument(k.qemu + " not found: install qemu (Debian: apt-get install qemu-system-x86)");
    k.qemu = qemu.string();
    for (const auto& image : k.images)
        if (::access(image.c_str(), R_OK) != 0)
            throw std::invalid_argument("cannot read kernel image " + image + ": " + std::strerror(errno));

    nlohmann::json config = {{"command", task.command}, {"args", task.args}, {"result", task.result_file}};
    InitramfsContents contents{
        task.runner,   fs::absolute(task.catalogue_dir), fs::absolute(task.cases_dir), task.case_paths, task.tools,
        config.dump(), /*init: the runner itself*/ ""};
    const int initramfs_fd = make_memfd("ipc-claims-initramfs");
    InitramfsSummary summary = write_initramfs(initramfs_fd, contents);
    fmt::print("initramfs: {} files ({} shared libraries), {:.1f} MiB, in memory\n", summary.files,
               summary.libraries.size(), summary.bytes / 1048576.0);

    std::string accel = k.accel;
    if (accel == "auto") {
        std::string why;
        auto kernel = std::find_if(k.images.begin(), k.images.end(),
                                   [](const std::string& i) { return read_image_header(i).has_value(); });
        accel = kernel != k.images.end() && kvm_works(k, *kernel, why) ? "kvm" : "tcg";
        if (kernel == k.images.end()) why = "no kernel image to probe KVM with";
        if (accel == "tcg") fmt::print("accel: tcg ({})\n", why);
    }
    if (accel != "kvm" && accel != "tcg") throw std::invalid_argument("--accel must be auto, kvm or tcg");
    std::string append = "console=ttyS0,115200 panic=-1 rdinit=/init";
    // qemu 7.2's TCG mis-emulates SLUB's per-CPU cmpxchg16b fast path: 6.12
    // double-faults in kmem_cache_alloc within seconds. Sanity-checked caches
    // take the locked slow path; IPC semantics are unchanged.
    if (accel == "tcg") append += " slub_debug=F";
    if (!k.append.empty()) append += " " + k.append;

    std::vector<Machine> machines(k.images.size());
    for (std::size_t i = 0; i < k.images.size(); ++i) {
        machines[i].image = k.images[i];
        machines[i].header = read_image_header(k.images[i]);
        machines[i].label = machines[i].header && !machines[i].header->release.empty()
                                ? machines[i].header->release
                                : fs::path(k.images[i]).filename().string();
        machines[i].accel = accel;
    }
    const int sigfd = ipc::block_into_signalfd({SIGCHLD, SIGINT, SIGTERM, SIGHUP}, SFD_CLOEXEC | SFD_NONBLOCK);
    std::size_t next = 0;
    std::set<std::size_t> active;
    int interrupted = 0;
    auto stop_all = [&] {
        for (auto i : active) {
            Machine& m = machines[i];
            if (m.pid > 0 && !m.reaped) ::kill(m.pid, SIGKILL), ::waitpid(m.pid, nullptr, 0);
            if (m.console_fd >= 0) ::close(m.console_fd);
            if (m.results_fd >= 0) ::close(m.results_fd);
        }
        ::close(initramfs_fd);
        ::close(sigfd);
    };
    try {
        while (!interrupted && (next < machines.size() || !active.empty())) {
            while (next < machines.size() && static_cast<int>(active.size()) < k.kernels_at_once) {
                Machine& m = machines[next];
                m.start = Clock::now();
                if (!m.header) {  // not a kernel: no boot, a clear message
                    m.reaped = true;
                    done(next++, outcome_of(k, m));
                    continue;
                }
                m.results_fd = make_memfd("ipc-claims-results");
                fmt::print("[{}] booting {} ({}, {} CPUs, {} MiB)\n", m.label, m.image, accel, k.cpus, k.memory_mb);
                std::fflush(stdout);
                m.pid = spawn(qemu_command(k, accel, m.image, initramfs_fd, m.results_fd, append), m.console_fd);
                active.insert(next++);
            }
            if (active.empty()) break;
            std::vector<pollfd> fds = {{sigfd, POLLIN, 0}};
            std::vector<std::size_t> owner = {SIZE_MAX};
            double wait_s = 3600;
            for (auto i : active) {
                Machine& m = machines[i];
                if (m.console_fd >= 0) fds.push_back({m.console_fd, POLLIN, 0}), owner.push_back(i);
                wait_s = std::min(wait_s, k.kernel_timeout_s - seconds_since(m.start));
            }
            ::poll(fds.data(), fds.size(), std::max(0, static_cast<int>(wait_s * 1000) + 1));
            for (std::size_t f = 1; f < fds.size(); ++f)
                if (fds[f].revents) read_console(machines[owner[f]], task.shows_line);
            signalfd_siginfo info{};
            while (::read(sigfd, &info, sizeof info) == sizeof info)
                if (info.ssi_signo != SIGCHLD) interrupted = static_cast<int>(info.ssi_signo);
            if (interrupted) break;
            for (auto i : active) {
                Machine& m = machines[i];
                int st;
                if (!m.reaped && ::waitpid(m.pid, &st, WNOHANG) == m.pid) m.reaped = true, m.wait_status = st;
                if (!m.reaped && seconds_since(m.start) >= k.kernel_timeout_s) {
                    m.timed_out = true;
                    ::kill(m.pid, SIGKILL);
                    ::waitpid(m.pid, &m.wait_status, 0);
                    m.reaped = true;
                }
            }
            for (auto it = active.begin(); it != active.end();) {
                Machine& m = machines[*it];
                if (m.reaped && m.timed_out && m.console_fd >= 0) ::close(m.console_fd), m.console_fd = -1;
                if (!m.reaped || m.console_fd >= 0) {
                    ++it;
                    continue;
                }
                done(*it, outcome_of(k, m));
                ::close(m.results_fd);
                m.results_fd = -1;
                it = active.erase(it);
            }
        }
    } catch (...) {
        stop_all();
        throw;
    }
    if (interrupted)
        fmt::print(stderr,
                   "ipc-claims: interrupted by signal {}, stopping {} kernel(s); their results are not written\n",
                   interrupted, active.size());
    stop_all();
    return interrupted;
}

int run_kernels(const RunOptions& opt, const KernelOptions& k, std::vector<fs::path>& result_dirs) {
    const auto run_start = Clock::now();
    if (!opt.wrap.empty()) throw std::invalid_argument("--wrap cannot be combined with --kernel");
    GuestTask task;
    task.runner = opt.self;
    task.catalogue_dir = k.catalogue_dir.empty() ? opt.self.parent_path() / "catalogue" : k.catalogue_dir;
    task.cases_dir = opt.cases_dir;
    // The guest runs these cases; a case binary missing here is BROKEN everywhere, as on a host.
    for (const auto& c : opt.selected) {
        if (!c.implemented()) continue;
        if (!fs::exists(opt.cases_dir / c.case_path()))
            throw std::invalid_argument("case binary missing: " + (opt.cases_dir / c.case_path()).string() +
                                        " (build the project)");
        task.case_paths.push_back(c.case_path());
        task.args.push_back(c.id);
    }
    task.args.insert(task.args.end(), {"--timeout", fmt::format("{:.3f}", opt.timeout.count() / 1000.0)});
    task.shows_line = [](const std::string& line) { return is_status_word(line) || line.rfind("        | ", 0) == 0; };

    result_dirs.clear();
    std::vector<fs::path> dirs(k.images.size());
    bool all_good = true;
    int interrupted = boot_kernels(task, k, [&](std::size_t i, const GuestOutcome& o) {
        Finished f = finish(opt, o);
        dirs[i] = f.dir;
        all_good = all_good && f.all_good;
    });
    if (interrupted) return 128 + interrupted;

    result_dirs = dirs;
    if (dirs.size() > 1) {
        PageFiles files = write_matrix(opt.out_dir, load_matrix_runs(dirs), opt.claims);
        fmt::print("matrix:  {}\n         {}\n", files.markdown.string(), files.html.string());
    }
    fmt::print("{} kernel(s) in {:.1f} s\n", k.images.size(), seconds_since(run_start));
    return all_good ? 0 : 1;
}

}  // namespace runner::kernel
