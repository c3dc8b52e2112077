// The checks of option values every command uses, with messages that say
// what was given and what is accepted (CLI11 puts the option's name first:
// "--jobs: 0 is not a whole number from 1 to 256"), and the helpers the
// commands share for the values they are given.
#pragma once
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace app {

// A whole number from lo to hi.
CLI::Validator whole_number(long long lo, long long hi);
// A number of seconds greater than zero.
CLI::Validator positive_seconds();
// A number from 0 to 100.
CLI::Validator percentage();
// One of the names given.
CLI::Validator one_of(std::vector<std::string> names);
// An existing regular file.
CLI::Validator existing_file();

// --runtime and --gvisor-platform (for run, sensitivity and exec); the
// names are checked by runner::runtime_named.
void add_runtime_options(CLI::App& cmd, std::string& runtime, std::string& gvisor_platform, const std::string& help);

// `--wrap 'env LD_PRELOAD=/x/y.so'` split as a shell would (no command
// substitution); throws std::invalid_argument when malformed or empty.
std::vector<std::string> split_words(const std::string& text);

std::chrono::milliseconds milliseconds(double seconds);

// Makes the directory if needed; throws std::invalid_argument when it cannot
// be made or written to.
void ensure_writable_dir(const std::filesystem::path& dir);

}  // namespace app
