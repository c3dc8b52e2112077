// Message sizes as people write them ("4K") and as the bench shows them ("4 KiB").
#include <algorithm>
#include <cctype>

#include "bench/bench.hpp"

namespace bench {

std::size_t parse_size(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t digits_start = i;
    unsigned long long value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        if (value > (1ULL << 40)) throw BadInput("size `" + text + "` is too large");
        value = value * 10 + static_cast<unsigned>(text[i++] - '0');
    }
    if (i == digits_start) throw BadInput("size `" + text + "` is not a number of bytes (e.g. 64, 4K, 1M)");
    std::string unit = text.substr(i);
    while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.pop_back();
    std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return std::tolower(c); });
    unsigned long long scale = 0;
    if (unit.empty() || unit == "b") scale = 1;
    else if (unit == "k" || unit == "kib" || unit == "kb") scale = 1024;
    else if (unit == "m" || unit == "mib" || unit == "mb") scale = 1024 * 1024;
    else throw BadInput("size `" + text + "`: unknown unit `" + unit + "` (B, K, M)");
    if (value == 0) throw BadInput("size `" + text + "`: a message has at least one byte");
    const unsigned long long bytes = value * scale;
    if (bytes > (256ULL << 20)) throw BadInput("size `" + text + "` is over 256 MiB");
    return static_cast<std::size_t>(bytes);
}

std::vector<std::size_t> parse_sizes(const std::string& list) {
    std::vector<std::size_t> out;
    std::size_t at = 0;
    for (;;) {
        auto comma = list.find(',', at);
        out.push_back(parse_size(list.substr(at, comma == std::string::npos ? std::string::npos : comma - at)));
        if (comma == std::string::npos) break;
        at = comma + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string size_label(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " B";
}

}  // namespace bench
