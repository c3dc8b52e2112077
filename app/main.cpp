// ipc-claims: lists the claims, runs their cases isolated, and writes results.
//
// Exit codes, for every command: the README's table, which
// tests/app_usage_test.cpp checks against what each command does. Bad input
// is 2 with one line on stderr saying what is wrong and what is accepted (an
// unknown command or option, a bad value, a missing file, an unwritable
// directory, a runtime that cannot be used); --help and --version exit 0.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fmt/core.h>

#include "command.hpp"
#include "runner/environment.hpp"
#include "runner/runtime.hpp"
#include "version.hpp"
#include "vm/guest.hpp"

namespace {

constexpr int exit_usage = 2;

// Bad input: "ipc-claims: what", on one line.
int usage_error(std::string what) {
    std::replace(what.begin(), what.end(), '\n', ' ');
    fmt::print(stderr, "ipc-claims: {}\n", what);
    return exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
    // Inside a case's gVisor sandbox (see runtime.hpp): not commands for people.
    if (argc > 1 && std::string(argv[1]) == "sandbox-init") return runner::sandbox_init_main(argc, argv);
    if (argc > 1 && std::string(argv[1]) == "sandbox-environment") return runner::sandbox_environment_main();
    if (runner::kernel::is_guest_init()) runner::kernel::guest_init();  // PID 1 of a `run --kernel` guest

    app::Context context(std::filesystem::read_symlink("/proc/self/exe"));
    CLI::App cli{"ipc-claims: checks what the Linux kernel really does with pipes, FIFOs, System V IPC, "
                 "signals and Unix sockets, claim by claim, with evidence."};
    cli.add_option("--catalogue", context.catalogue_dir, "Directory of the claim catalogue (*.toml)")
        ->capture_default_str();
    cli.add_option("--cases", context.cases_dir, "Directory of the case programs")->capture_default_str();
    bool version = false;
    cli.add_flag("--version", version, "Print the version, the git commit it was built from and the number of claims");
    cli.require_subcommand(0, 1);  // none only with --version

    const std::vector<app::Command> commands = {
        app::list_command(),  app::run_command(),      app::sensitivity_command(), app::report_command(),
        app::diff_command(),  app::matrix_command(),   app::exec_command(),        app::grade_command(),
        app::bench_command(), app::coverage_command(), app::lab_command(),         app::coverage_guest_command(),
    };
    std::vector<CLI::App*> chosen_by;
    std::string names;
    for (const auto& c : commands) {
        CLI::App* sub = cli.add_subcommand(c.name, c.description);
        c.add_options(*sub, context);
        chosen_by.push_back(sub);
        if (c.description.empty()) {  // not for people: left out of --help
            sub->group("");
            continue;
        }
        names += (names.empty() ? "" : ", ") + c.name;
    }

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return cli.exit(e);  // --help
        const auto parsed = cli.get_subcommands();
        const std::string help = parsed.empty() ? "ipc-claims --help"
                                                : "ipc-claims " + parsed.back()->get_name() + " --help";
        // A bad value's message already says what is accepted (options.hpp).
        if (dynamic_cast<const CLI::ValidationError*>(&e)) return usage_error(e.what());
        return usage_error(fmt::format("{} (see {})", e.what(), help));
    }

    try {
        if (version) {
            app::print_version(context.claims());
            return 0;
        }
        for (std::size_t i = 0; i < commands.size(); ++i)
            if (*chosen_by[i]) return commands[i].run(context);
        return usage_error(fmt::format("a command is needed: one of {} (see ipc-claims --help)", names));
    } catch (const std::exception& e) {
        return usage_error(e.what());
    }
}
