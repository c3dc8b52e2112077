// The shape CI tools read (Jenkins' JUnit plugin, GitLab's unit test reports,
// GitHub actions such as mikepenz/action-junit-report or dorny/test-reporter),
// checked against the Jenkins xUnit plugin's junit-10.xsd: <testsuites> (name,
// tests, failures, errors, time) of <testsuite> (one per area: name, tests,
// failures, errors, skipped, time, timestamp, hostname, id, package, and the
// run's environment as <properties>), each <testcase> with name, classname and
// time (seconds, plain decimal), at most one of <skipped>/<failure>/<error>
// (message: the reason results.json records; type for failure and error; the
// output tail as text), then <system-out>.
//
// A testcase's name is the claim id alone, so that a CI's history of a claim
// survives a reworded statement. Its classname is "ipc-claims.<area>": Jenkins
// and GitLab split a classname at its last dot into package and class, so the
// claims sit under one package, and a job that merges this suite's JUnit with
// another's (LTP, kselftest) keeps them apart.
//
// One extension: the statement and the evidence as <properties> first in each
// <testcase> ("statement", then "evidence.<key>"), as pytest (record_property)
// and the Jenkins JUnit plugin write and read them, and which GitLab and the
// GitHub actions ignore; strict junit-10.xsd validation has no place for them,
// so the evidence is also in <system-out> ("evidence: key = value" lines the
// case printed).
#include "report/junit.hpp"

#include <chrono>
#include <ctime>
#include <fmt/core.h>
#include <map>
#include <pugixml.hpp>
#include <stdexcept>
#include <unistd.h>

#include "report/report.hpp"

namespace runner {
namespace {

// XML 1.0 carries neither most control characters nor invalid UTF-8; a case's
// output may contain both. Each offending byte becomes '?'.
std::string xml_safe(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f ? '?' : static_cast<char>(c);
            ++i;
            continue;
        }
        std::size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
        if (c >= 0xf5) len = 0;
        bool valid = len > 0 && i + len <= text.size();
        for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        if (valid && len == 3) {  // no overlongs, no surrogates
            unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);
        }
        if (valid && len == 4) {
            unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
        }
        if (!valid) {
            out += '?';
            ++i;
            continue;
        }
        out.append(text, i, len);
        i += len;
    }
    return out;
}

void set(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name) = xml_safe(value).c_str();
}

std::string seconds(double s) { return fmt::format("{:.3f}", s); }

// xs:dateTime as junit-10.xsd wants it: local time, no zone.
std::string timestamp_now() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    ::localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}

std::string hostname() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "localhost";
    return buf;
}

void flatten(const nlohmann::json& j, const std::string& prefix, pugi::xml_node props) {
    if (j.is_object()) {
        for (auto& [key, value] : j.items()) flatten(value, prefix.empty() ? key : prefix + "." + key, props);
        return;
    }
    auto p = props.append_child("property");
    set(p, "name", prefix);
    set(p, "value", plain_value(j));
}

struct Counts {
    int tests = 0, failures = 0, errors = 0, skipped = 0;
    double time = 0;
    void add(Status s, double t) {
        ++tests;
        time += t;
        failures += s == Status::Fail;
        errors += s == Status::Broken || s == Status::Timeout;
        skipped += s == Status::Skip;
    }
    void write(pugi::xml_node node, bool with_skipped = true) const {
        node.append_attribute("tests") = tests;
        node.append_attribute("failures") = failures;
        node.append_attribute("errors") = errors;
        if (with_skipped) node.append_attribute("skipped") = skipped;  // not an attribute of <testsuites>
        set(node, "time", seconds(time));
    }
};

}  // namespace

void write_junit(const std::filesystem::path& path, const RunResults& results, const std::vector<Claim>& claims) {
    std::map<std::string, const Claim*> by_id;
    for (const auto& c : claims) by_id[c.id] = &c;

    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto suites = doc.append_child("testsuites");
    set(suites, "name", "ipc-claims");
    const std::string stamp = timestamp_now(), host = hostname();

    // One <testsuite> per area, in the order the cases come (catalogue order).
    std::map<std::string, std::pair<pugi::xml_node, Counts>> by_area;
    Counts all;
    for (const auto& r : results.cases) {
        const Claim* claim = by_id.count(r.claim) ? by_id[r.claim] : nullptr;
        const std::string area = claim ? claim->area : "unknown";
        auto it = by_area.find(area);
        if (it == by_area.end()) {
            auto suite = suites.append_child("testsuite");
            set(suite, "name", area);
            suite.append_attribute("id") = static_cast<int>(by_area.size());
            set(suite, "package", "ipc-claims");
            set(suite, "hostname", host);
            set(suite, "timestamp", stamp);
            flatten(results.environment, "", suite.append_child("properties"));
            it = by_area.emplace(area, std::make_pair(suite, Counts{})).first;
        }
        auto& [suite, counts] = it->second;
        counts.add(r.status, r.duration_s);
        all.add(r.status, r.duration_s);

        auto tc = suite.append_child("testcase");
        set(tc, "name", r.claim);
        set(tc, "classname", "ipc-claims." + area);
        set(tc, "time", seconds(r.duration_s));
        if (claim || !r.evidence.empty()) {
            auto props = tc.append_child("properties");
            auto property = [&](const std::string& name, const std::string& value) {
                auto p = props.append_child("property");
                set(p, "name", name);
                set(p, "value", value);
            };
            if (claim) property("statement", claim->statement);
            for (auto& [key, value] : r.evidence.items()) property("evidence." + key, plain_value(value));
        }
        const char* element = r.status == Status::Pass   ? nullptr
                              : r.status == Status::Skip ? "skipped"
                              : r.status == Status::Fail ? "failure"
                                                         : "error";
        if (element) {
            auto node = tc.append_child(element);
            set(node, "message", verdict_reason(r));
            if (r.status != Status::Skip) {
                set(node, "type", to_string(r.status));
                node.append_child(pugi::node_pcdata).set_value(xml_safe(output_tail(r.output)).c_str());
            }
        }
        tc.append_child("system-out").append_child(pugi::node_pcdata).set_value(xml_safe(r.output).c_str());
    }
    for (auto& [area, entry] : by_area) entry.second.write(entry.first);
    all.write(suites, false);
    if (!doc.save_file(path.c_str(), "  ", pugi::format_default, pugi::encoding_utf8))
        throw std::runtime_error("cannot write " + path.string());
}

}  // namespace runner
