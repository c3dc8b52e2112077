# The Debian package: `cpack -G DEB` in a build directory writes
# ipc-claims_<version>_amd64.deb from the install rules (the runner, the case
# programs, the fault shims, the catalogue and the labs, under /usr; the
# layout is in the top-level CMakeLists.txt). Its Depends are the shared
# libraries the programs link, as dpkg-shlibdeps finds them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ipc-claims)
set(CPACK_PACKAGE_VENDOR "ipc-claims")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "conformance and edge-case suite for Linux IPC, with evidence")
set(CPACK_PACKAGE_DESCRIPTION
    "Checks, one small program per claim, what the running kernel really does with pipes, FIFOs, "
    "System V and POSIX IPC, signals and Unix sockets, and reports each verdict with its evidence "
    "(results.json, JUnit, KTAP, Markdown and HTML). Also grades students' IPC lab submissions.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)  # -g1 debug information is for the build tree
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # ipc-claims_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "ipc-claims maintainers <ipc-claims@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What only some commands run (each says which package it lacks):
# `grade` builds submissions with gcc/g++ (and make for a Makefile);
# `run --kernel` boots qemu, `--runtime gvisor` runsc, `bench --cross-check`
# perf, `grade --coverage` and `coverage` lcov, `coverage` stress-ng.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "g++, make")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qemu-system-x86, runsc, linux-perf, lcov, stress-ng")
include(CPack)
