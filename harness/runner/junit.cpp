#include "junit.hpp"

#include <map>
#include <pugixml.hpp>
#include <stdexcept>

namespace runner {
namespace {

// XML 1.0 cannot carry most control characters; a case's output may.
std::string xml_safe(const std::string& text) {
    std::string out;
    for (unsigned char c : text) out += (c < 0x20 && c != '\n' && c != '\t' && c != '\r') ? '?' : static_cast<char>(c);
    return out;
}

std::string evidence_text(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

void write_junit(const std::filesystem::path& path, const RunResults& results, const std::vector<Claim>& claims) {
    std::map<std::string, const Claim*> by_id;
    for (const auto& c : claims) by_id[c.id] = &c;

    pugi::xml_document doc;
    auto suites = doc.append_child("testsuites");
    auto suite = suites.append_child("testsuite");
    suite.append_attribute("name") = "ipc-claims";
    int failures = 0, errors = 0, skipped = 0;
    double total = 0;
    for (const auto& r : results.cases) {
        const Claim* claim = by_id.count(r.claim) ? by_id[r.claim] : nullptr;
        auto tc = suite.append_child("testcase");
        tc.append_attribute("classname") = claim ? claim->area.c_str() : "unknown";
        std::string name = r.claim + (claim ? ": " + claim->statement : "");
        tc.append_attribute("name") = xml_safe(name).c_str();
        tc.append_attribute("time") = r.duration_s;
        total += r.duration_s;
        auto props = tc.append_child("properties");
        for (auto& [key, value] : r.evidence.items()) {
            auto p = props.append_child("property");
            p.append_attribute("name") = xml_safe(key).c_str();
            p.append_attribute("value") = xml_safe(evidence_text(value)).c_str();
        }
        const std::string message = to_string(r.status) + ": " + r.exit;
        const char* element = nullptr;
        switch (r.status) {
            case Status::Pass: break;
            case Status::Skip: element = "skipped"; ++skipped; break;
            case Status::Fail: element = "failure"; ++failures; break;
            case Status::Broken:
            case Status::Timeout: element = "error"; ++errors; break;
        }
        if (element) {
            auto node = tc.append_child(element);
            node.append_attribute("message") = xml_safe(message).c_str();
            node.append_child(pugi::node_pcdata).set_value(xml_safe(r.output).c_str());
        }
        tc.append_child("system-out").append_child(pugi::node_pcdata).set_value(xml_safe(r.output).c_str());
    }
    for (auto* node : {&suites, &suite}) {
        node->append_attribute("tests") = static_cast<int>(results.cases.size());
        node->append_attribute("failures") = failures;
        node->append_attribute("errors") = errors;
        node->append_attribute("skipped") = skipped;
        node->append_attribute("time") = total;
    }
    if (!doc.save_file(path.c_str())) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace runner
