#include "model/catalogue.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <stdexcept>
#include <toml++/toml.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace runner {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

std::string required(const toml::table& t, const char* key, const std::string& where) {
    auto value = t[key].value<std::string>();
    if (!value || value->empty()) throw std::runtime_error(where + ": missing or empty `" + key + "`");
    return *value;
}

// An optional array of strings; anything else is an error naming the place.
std::vector<std::string> string_list(const toml::table& t, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (!node) return out;
    const toml::array* list = node->as_array();
    if (!list) throw std::runtime_error(where + ": `" + key + "` must be a list of strings");
    for (const auto& item : *list) {
        auto text = item.value<std::string>();
        if (!text || item.type() != toml::node_type::string)
            throw std::runtime_error(where + ": `" + key + "` must be a list of strings");
        out.push_back(*text);
    }
    return out;
}

void load_area(const std::filesystem::path& file, std::vector<Claim>& out, std::set<std::string>& ids) {
    toml::table doc;
    try {
        doc = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(file.string() + ": " + std::string(e.description()));
    }
    std::string where = file.string();
    std::string area = required(doc, "area", where);
    std::string title = required(doc, "title", where);
    auto order = doc["order"].value<int>();
    if (!order) throw std::runtime_error(where + ": missing integer `order`");
    const auto area_needs = string_list(doc, "needs", where);
    auto* claims = doc["claim"].as_array();
    if (!claims) throw std::runtime_error(where + ": no [[claim]] entries");
    for (auto& node : *claims) {
        auto* t = node.as_table();
        if (!t) throw std::runtime_error(where + ": a [[claim]] entry is not a table");
        Claim c;
        c.id = required(*t, "id", where);
        std::string at = where + " (" + c.id + ")";
        if (!std::regex_match(c.id, std::regex("[A-Z]+-[0-9]{1,6}")))
            throw std::runtime_error(at + ": an id is AREA-NUMBER, e.g. PIPE-04");
        c.area = area;
        c.area_title = title;
        c.area_order = *order;
        c.kind = required(*t, "kind", at);
        if (c.kind != "seed" && c.kind != "fix" && c.kind != "edge")
            throw std::runtime_error(at + ": kind must be seed, fix or edge, not `" + c.kind + "`");
        c.statement = required(*t, "statement", at);
        c.section = (*t)["section"].value_or(std::string{});
        c.mission = (*t)["mission"].value_or(false);
        c.case_name = (*t)["case"].value_or(std::string{});
        c.document_says = (*t)["document_says"].value_or(std::string{});
        c.linux_does = (*t)["linux_does"].value_or(std::string{});
        c.needs = area_needs;
        for (auto& need : string_list(*t, "needs", at)) c.needs.push_back(need);
        c.man = string_list(*t, "man", at);
        for (const auto& page : c.man)
            if (!std::regex_match(page, std::regex(R"([A-Za-z0-9_.:-]+\([0-9][a-z]*\))")))
                throw std::runtime_error(at + ": `man` names pages as name(section), e.g. msgop(2), not `" + page +
                                         "`");
        c.peers = string_list(*t, "peers", at);
        for (const auto& peer : c.peers)
            if (!is_peer_check_name(peer))
                throw std::runtime_error(at +
                                         ": a peer check is ltp:PROGRAM, gvisor:Suite.Test or kselftest:DIR/FILE "
                                         "(optionally #tag), not `" +
                                         peer + "`");
        c.tags = string_list(*t, "tags", at);
        for (const auto& tag : c.tags)
            if (std::find(claim_tags().begin(), claim_tags().end(), tag) == claim_tags().end())
                throw std::runtime_error(at + ": unknown tag `" + tag +
                                         "` (tags: " + fmt::format("{}", fmt::join(claim_tags(), ", ")) + ")");
        if (!ids.insert(c.id).second) throw std::runtime_error(at + ": duplicate claim id");
        out.push_back(std::move(c));
    }
}

// PIPE-4 before PIPE-10: compare the number after the dash as a number.
bool id_less(const Claim& a, const Claim& b) {
    if (a.area_order != b.area_order) return a.area_order < b.area_order;
    if (a.area != b.area) return a.area < b.area;
    auto num = [](const std::string& id) { return std::stoi(id.substr(id.rfind('-') + 1)); };
    return num(a.id) < num(b.id);
}

}  // namespace

bool is_peer_check_name(const std::string& name) {
    static const std::regex form(R"((ltp|gvisor|kselftest):[A-Za-z0-9_.+/-]+(#[A-Za-z0-9_.+-]+)?)");
    return std::regex_match(name, form);
}

std::vector<PeerCheck> load_peer_checks(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 10 && name.compare(name.size() - 10, 10, ".peers.tsv") == 0) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<PeerCheck> checks;
    std::set<std::string> seen;
    for (const auto& f : files) {
        const std::string area = f.filename().string().substr(0, f.filename().string().size() - 10);
        std::ifstream in(f);
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            const std::string where = f.string() + ":" + std::to_string(n);
            if (n == 1) {
                if (line.rfind("check\tbehaviour", 0) != 0)
                    throw std::runtime_error(where + ": the header must be `check<TAB>behaviour`");
                continue;
            }
            if (line.empty() || line[0] == '#') continue;
            const auto tab = line.find('\t');
            PeerCheck c{line.substr(0, tab), area, tab == std::string::npos ? "" : line.substr(tab + 1)};
            if (!is_peer_check_name(c.check) || c.behaviour.empty())
                throw std::runtime_error(where + ": a row is a peer check (ltp:PROGRAM, gvisor:Suite.Test, "
                                                 "kselftest:DIR/FILE, optionally #tag), a tab, and what it checks");
            if (!seen.insert(c.check).second) throw std::runtime_error(where + ": " + c.check + " is listed twice");
            checks.push_back(std::move(c));
        }
    }
    return checks;
}

std::vector<Claim> load_catalogue(const std::filesystem::path& dir) {
    if (!std::filesystem::is_directory(dir)) throw std::runtime_error("no catalogue directory " + dir.string());
    std::vector<std::filesystem::path> files;
    for (auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    if (files.empty()) throw std::runtime_error("no *.toml catalogue files in " + dir.string());
    std::vector<Claim> claims;
    std::set<std::string> ids;
    for (auto& f : files) load_area(f, claims, ids);
    std::sort(claims.begin(), claims.end(), id_less);
    return claims;
}

const std::vector<std::string>& claim_tags() {
    static const std::vector<std::string> tags = {"timing", "needs-root", "slow"};
    return tags;
}

namespace {

bool matches(const Claim& c, const std::string& raw) {
    const std::string f = upper(raw);
    if (c.id == f || upper(c.area) == f || c.id.rfind(f + "-", 0) == 0) return true;
    if (f.find('-') != std::string::npos && c.id.rfind(f, 0) == 0) return true;
    return std::any_of(c.tags.begin(), c.tags.end(), [&](const std::string& tag) { return upper(tag) == f; });
}

// The ids of the claims matching any of the filters; each filter must match one.
std::set<std::string> matching(const std::vector<Claim>& all, const std::vector<std::string>& filters) {
    std::set<std::string> ids;
    for (const auto& f : filters) {
        bool matched = false;
        for (const auto& c : all) {
            if (!matches(c, f)) continue;
            ids.insert(c.id);
            matched = true;
        }
        if (!matched) throw std::invalid_argument("no claim matches `" + f + "` (try `ipc-claims list`)");
    }
    return ids;
}

}  // namespace

std::vector<Claim> select_claims(const std::vector<Claim>& all, const std::vector<std::string>& filters,
                                 const std::vector<std::string>& excludes) {
    std::vector<std::string> wanted, unwanted = excludes;
    for (const auto& f : filters) (f.rfind('!', 0) == 0 ? unwanted.push_back(f.substr(1)) : wanted.push_back(f));
    const std::set<std::string> chosen = matching(all, wanted), left_out = matching(all, unwanted);
    std::vector<Claim> out;
    for (const auto& c : all)
        if ((wanted.empty() || chosen.count(c.id)) && !left_out.count(c.id)) out.push_back(c);
    if (out.empty() && !all.empty()) throw std::invalid_argument("every selected claim is excluded");
    return out;
}

}  // namespace runner
