// libFuzzer target: any bytes as a results.json are read into the results
// model or refused with an exception the runner reports, never a crash.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "model/results.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto j = nlohmann::json::parse(data, data + size, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("cases") || !j["cases"].is_array()) return 0;
    for (const auto& c : j["cases"]) {
        try {
            runner::to_json(runner::case_from_json(c));
        } catch (const nlohmann::json::exception&) {
        } catch (const std::invalid_argument&) {
        }
    }
    return 0;
}
