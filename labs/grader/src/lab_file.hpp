// Reading a lab's TOML files with errors a teacher can act on: the file and
// line of a syntax error (as toml++ reports it), every key a lab.toml does
// not know named with its line, a value of the wrong type named with the type
// it must have. load_lab (lab.cpp) and `lab check` (lab_check.cpp) read
// through here.
#pragma once
#include <filesystem>

#include <toml++/toml.h>

namespace grading {

// Parses a TOML file; throws std::invalid_argument "FILE:LINE:COLUMN: what".
toml::table read_toml(const std::filesystem::path& file);

// Parses a lab.toml and checks its keys and their types against what a lab
// may say (lab_file.cpp lists it); throws std::invalid_argument
// "FILE:LINE: unknown key `x` in [relay] (known: ...)" and the like.
toml::table read_lab_file(const std::filesystem::path& file);

// "FILE:LINE" of a node ("FILE" when toml++ has no position for it).
std::string where(const std::filesystem::path& file, const toml::node& node);

}  // namespace grading
