#include "options.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/core.h>
#include <fmt/format.h>
#include <stdexcept>
#include <unistd.h>
#include <wordexp.h>

namespace app {
namespace fs = std::filesystem;

namespace {

bool parse_whole(const std::string& text, long long& value) {
    const char* end = text.data() + text.size();
    auto [at, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && at == end;
}

bool parse_real(const std::string& text, double& value) {
    if (text.empty()) return false;
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    return *end == '\0' && errno == 0 && std::isfinite(value);
}

}  // namespace

CLI::Validator whole_number(long long lo, long long hi) {
    return CLI::Validator(
        [lo, hi](std::string& text) -> std::string {
            long long v = 0;
            if (parse_whole(text, v) && v >= lo && v <= hi) return "";
            return fmt::format("`{}` is not a whole number from {} to {}", text, lo, hi);
        },
        fmt::format("{}..{}", lo, hi));
}

CLI::Validator positive_seconds() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            double v = 0;
            if (parse_real(text, v) && v > 0) return "";
            return fmt::format("`{}` is not a positive number of seconds", text);
        },
        "SECONDS>0");
}

CLI::Validator percentage() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            double v = 0;
            if (parse_real(text, v) && v >= 0 && v <= 100) return "";
            return fmt::format("`{}` is not a percentage from 0 to 100", text);
        },
        "0..100");
}

CLI::Validator one_of(std::vector<std::string> names) {
    const std::string list = fmt::format("{}", fmt::join(names, ", "));
    return CLI::Validator(
        [names, list](std::string& text) -> std::string {
            for (const auto& n : names)
                if (text == n) return "";
            return fmt::format("`{}` is not one of {}", text, list);
        },
        fmt::format("{{{}}}", fmt::join(names, ",")));
}

CLI::Validator existing_file() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::error_code ec;
            if (fs::is_regular_file(text, ec)) return "";
            return fs::exists(text, ec) ? fmt::format("`{}` is not a regular file", text)
                                        : fmt::format("no file `{}`", text);
        },
        "FILE");
}

void add_runtime_options(CLI::App& cmd, std::string& runtime, std::string& gvisor_platform, const std::string& help) {
    cmd.add_option("--runtime", runtime, help)->capture_default_str();
    cmd.add_option("--gvisor-platform", gvisor_platform, "runsc --platform for --runtime gvisor")
        ->capture_default_str();
}

std::vector<std::string> split_words(const std::string& text) {
    wordexp_t w{};
    if (::wordexp(text.c_str(), &w, WRDE_NOCMD) != 0) throw std::invalid_argument("cannot parse --wrap `" + text + "`");
    std::vector<std::string> words(w.we_wordv, w.we_wordv + w.we_wordc);
    ::wordfree(&w);
    if (words.empty()) throw std::invalid_argument("--wrap is empty");
    return words;
}

std::chrono::milliseconds milliseconds(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

void ensure_writable_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || ::access(dir.c_str(), W_OK) != 0)
        throw std::invalid_argument("output directory " + dir.string() + " is not writable");
}

}  // namespace app
