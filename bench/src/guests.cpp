#include <filesystem>
#include <fmt/core.h>

#include "model/results.hpp"
#include "run.hpp"

namespace bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
namespace kernel = runner::kernel;

// A guest's bench.json, with what the host knows of the machine: the vm, and
// emulation when qemu ran it with TCG (the guest may not be able to tell).
std::optional<json> guest_document(const kernel::GuestOutcome& o, std::string& why) {
    if (!o.body) {
        why = o.why;
        return std::nullopt;
    }
    json doc = json::parse(*o.body, nullptr, false);
    if (!doc.is_object() || doc.value("schema", 0) != schema_version || !doc.contains("environment")) {
        why = "the guest's bench.json is not a bench.json of schema " + std::to_string(schema_version);
        return std::nullopt;
    }
    json& env = doc["environment"];
    env["vm"] = o.vm;
    if (o.vm.value("accel", "") == "tcg") {
        env["emulated"] = true;
        env["hypervisor"] = "TCG";
        env["emulation_check"] = "the host booted this guest with qemu -accel tcg: every instruction emulated";
    }
    return doc;
}

}  // namespace

int run_bench_in_kernels(const std::vector<std::string>& guest_args, const CommandArgs& a) {
    const kernel::KernelOptions& k = a.kernel;
    const std::string& out = a.out;
    const fs::path self = fs::read_symlink("/proc/self/exe");
    kernel::GuestTask task;
    task.command = "bench";
    task.args = guest_args;
    task.result_file = "bench.json";
    task.runner = self;
    task.catalogue_dir = a.catalogue_dir;
    task.cases_dir = a.cases_dir;
    // The bench's progress lines: "[  3/120] ..." (see run_bench).
    task.shows_line = [](const std::string& line) { return line.rfind("[", 0) == 0 && line.find('/') < 12; };

    int failed = 0;
    int interrupted = kernel::boot_kernels(task, k, [&](std::size_t, const kernel::GuestOutcome& o) {
        std::string why;
        auto doc = guest_document(o, why);
        const fs::path dir = fs::path(out) / (doc ? kernel::guest_release((*doc)["environment"], o.label) : o.label);
        fs::create_directories(dir);
        runner::write_text_file(dir / "console.log", o.console);
        if (!doc) {
            kernel::GuestOutcome shown = o;
            shown.why = why;
            kernel::print_failure(shown);
            ++failed;
            return;
        }
        runner::write_text_file(dir / "bench.json", doc->dump(2) + "\n");
        runner::write_text_file(dir / "bench.html", html_page(*doc));
        fmt::print("[{}] {}\n[{}] bench: {}\n", o.label, table_text(*doc), o.label, (dir / "bench.json").string());
        std::fflush(stdout);
    });
    if (interrupted) return 128 + interrupted;
    return failed ? 3 : 0;
}

}  // namespace bench
