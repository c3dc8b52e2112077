// What a lab.toml may say, and the checks that a lab.toml says only that
// (lab_file.hpp). A new kind's parameters go in a table named after it: add
// the table and its keys to `lab_schema` below.
#include "lab_file.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

namespace grading {
namespace fs = std::filesystem;

namespace {

enum class Type { string, number, integer, boolean, strings, table, tables };

struct Key {
    std::string name;
    Type type;
};

// Each table of a lab.toml ("" is the top level) and the keys it may hold; a
// key of type table or tables is described under its own name.
const std::map<std::string, std::vector<Key>>& lab_schema() {
    static const std::map<std::string, std::vector<Key>> schema = {
        {"",
         {{"name", Type::string},
          {"title", Type::string},
          {"section", Type::string},
          {"kind", Type::string},
          {"programs", Type::strings},
          {"deadline_s", Type::number},
          {"grace_s", Type::number},
          {"max_processes", Type::integer},
          {"pipe_demo", Type::table},
          {"relay", Type::table},
          {"reaper", Type::table},
          {"request_reply", Type::table},
          {"scenario", Type::tables},
          {"check", Type::tables}}},
        {"pipe_demo", {{"message", Type::string}, {"count", Type::integer}}},
        {"relay",
         {{"mechanism", Type::string},
          {"reader", Type::string},
          {"writer", Type::string},
          {"echo_prefix", Type::string},
          {"terminator", Type::string},
          {"lines", Type::integer}}},
        {"reaper", {{"children_min", Type::integer}, {"children_max", Type::integer}}},
        {"request_reply", {{"lines", Type::integer}}},
        {"scenario", {{"name", Type::string}, {"pipe_pressure", Type::boolean}, {"server_dies", Type::boolean}}},
        {"check", {{"id", Type::string}, {"name", Type::string}, {"points", Type::number}}},
    };
    return schema;
}

const char* type_name(Type t) {
    switch (t) {
        case Type::string: return "a string";
        case Type::number: return "a number";
        case Type::integer: return "a whole number";
        case Type::boolean: return "true or false";
        case Type::strings: return "an array of strings";
        case Type::table: return "a table ([name])";
        case Type::tables: return "an array of tables ([[name]])";
    }
    return "?";
}

bool has_type(const toml::node& n, Type t) {
    switch (t) {
        case Type::string: return n.is_string();
        case Type::number: return n.is_number();
        case Type::integer: return n.is_integer();
        case Type::boolean: return n.is_boolean();
        case Type::strings: return n.is_array() && n.as_array()->is_homogeneous(toml::node_type::string);
        case Type::table: return n.is_table();
        case Type::tables: return n.is_array_of_tables();
    }
    return false;
}

void check_table(const fs::path& file, const toml::table& table, const std::string& name) {
    const auto& keys = lab_schema().at(name);
    const std::string in = name.empty() ? "" : " in [" + name + "]";
    for (auto&& [key, node] : table) {
        auto it = std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return k.name == key.str(); });
        if (it == keys.end()) {
            std::string known;
            for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k.name;
            throw std::invalid_argument(
                fmt::format("{}: unknown key `{}`{} (known: {})", where(file, node), key.str(), in, known));
        }
        if (!has_type(node, it->type))
            throw std::invalid_argument(
                fmt::format("{}: `{}`{} must be {}", where(file, node), key.str(), in, type_name(it->type)));
        if (it->type == Type::table) check_table(file, *node.as_table(), it->name);
        if (it->type == Type::tables)
            for (const auto& element : *node.as_array()) check_table(file, *element.as_table(), it->name);
    }
}

}  // namespace

std::string where(const fs::path& file, const toml::node& node) {
    const auto line = node.source().begin.line;
    return line ? fmt::format("{}:{}", file.string(), line) : file.string();
}

toml::table read_toml(const fs::path& file) {
    try {
        return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw std::invalid_argument(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line,
                                                e.source().begin.column, e.description()));
    }
}

toml::table read_lab_file(const fs::path& file) {
    toml::table t = read_toml(file);
    check_table(file, t, "");
    return t;
}

}  // namespace grading
