// One subcommand of ipc-claims, as every one is written: a struct of its
// options, a function that adds them to its CLI::App, and a function that
// runs it once the whole command line is parsed and returns the exit code.
// main.cpp lists every command in one table, parses once and runs the one
// chosen; no command exits from a CLI11 callback.
// Each command's file keeps those three in a namespace named after it
// (`run_cmd`, `diff_cmd` ...): the unity build compiles several commands as
// one translation unit, where an anonymous namespace would be shared.
#pragma once
#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/catalogue.hpp"

namespace app {

// What every command may use: where this program is, the global options,
// and the catalogue, read when a command first asks for it (exec, grade and
// bench never do).
class Context {
public:
    // Finds the program's files from where it is (context.cpp): beside it in
    // a build tree, under its prefix once installed.
    explicit Context(std::filesystem::path self);
    std::filesystem::path self;         // this binary
    std::filesystem::path here;         // its directory
    std::string catalogue_dir;          // --catalogue
    std::string cases_dir;              // --cases
    std::filesystem::path faults_dir;   // the fault shims and their lists (sensitivity's --shims)
    std::filesystem::path results_dir;  // where a run writes by default (--out)
    // Throws std::runtime_error naming the problem for a bad --catalogue.
    const std::vector<runner::Claim>& claims();
    // The peers' inventory beside the catalogue (<area>.peers.tsv); throws as claims() does.
    const std::vector<runner::PeerCheck>& peer_checks();

private:
    std::optional<std::vector<runner::Claim>> claims_;
    std::optional<std::vector<runner::PeerCheck>> peer_checks_;
};

struct Command {
    std::string name, description;
    std::function<void(CLI::App& cmd, const Context& context)> add_options;
    std::function<int(Context& context)> run;
};

// A command from its options struct and its two functions; the options live
// as long as the command.
template <class Options>
Command command(std::string name, std::string description, void (*add_options)(CLI::App&, Options&, const Context&),
                int (*run)(const Options&, Context&)) {
    auto options = std::make_shared<Options>();
    return {std::move(name), std::move(description),
            [options, add_options](CLI::App& cmd, const Context& context) { add_options(cmd, *options, context); },
            [options, run](Context& context) { return run(*options, context); }};
}

// Every command, in the order `ipc-claims --help` lists them.
Command list_command();
Command run_command();
Command sensitivity_command();
Command report_command();
Command diff_command();
Command matrix_command();
Command exec_command();
Command grade_command();
Command bench_command();
Command coverage_command();
Command lab_command();
Command coverage_guest_command();  // hidden: what a coverage guest's init runs

}  // namespace app
