// The translation unit that builds the cases' precompiled header (harness/CMakeLists.txt).
