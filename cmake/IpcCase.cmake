# Case programs: one claim, one .cpp, one executable, one CTest test.
#
#   ipc_case(PIPE-04 pipe write_blocks_when_full [TAGS...])
#
# builds cases/pipe/write_blocks_when_full.cpp into <build>/cases/pipe/ and
# registers the test named after the claim through `ipc-claims exec`, so that
# ctest and the runner isolate, time out and judge a case the same way. Its
# labels: `case`, the area, and the claim's tags (`ctest -LE slow`).
# ipc_cases_of(claims.toml area) does it for every claim of the file that
# names a case: claims.toml is where a claim is declared.
set(IPC_CASES_DIR ${CMAKE_BINARY_DIR}/cases)
set(IPC_CATALOGUE_DIR ${CMAKE_BINARY_DIR}/catalogue)
set(IPC_CASE_TIMEOUT 30 CACHE STRING "Seconds before a case is killed and reported as TIMEOUT")

function(ipc_case claim area name)
  set(target case.${area}.${name})
  add_executable(${target} ${PROJECT_SOURCE_DIR}/cases/${area}/${name}.cpp)
  target_link_libraries(${target} PRIVATE ipc_case_main)
  target_precompile_headers(${target} REUSE_FROM ipc_case_pch)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name}
    UNITY_BUILD OFF
    RUNTIME_OUTPUT_DIRECTORY ${IPC_CASES_DIR}/${area})
  install(TARGETS ${target} RUNTIME DESTINATION ${IPC_INSTALL_LIBDIR}/cases/${area})
  add_test(NAME ${claim}
    COMMAND ipc-claims exec --timeout ${IPC_CASE_TIMEOUT} $<TARGET_FILE:${target}>)
  math(EXPR ctest_timeout "${IPC_CASE_TIMEOUT} + 15")
  set(labels case ${area} ${ARGN})
  set_tests_properties(${claim} PROPERTIES
    SKIP_RETURN_CODE 77
    LABELS "${labels}"
    TIMEOUT ${ctest_timeout})
endfunction()

# The claims of one claims.toml: each [[claim]] table's `id` and `case`.
function(ipc_cases_of toml area)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${toml})
  file(READ ${toml} text)
  # One list element per [[claim]] table; `;`, `[` and `]` in the text would
  # split CMake's list elsewhere, and none of them is in an id or a case name.
  string(REPLACE "[[claim]]" "\n@claim@" text "${text}")
  string(REGEX REPLACE "[][;]" "_" text "${text}")
  string(REPLACE "\n@claim@" ";" tables "${text}")
  list(REMOVE_AT tables 0)  # what precedes the first claim: the area's own keys
  foreach(table IN LISTS tables)
    if(NOT table MATCHES "\nid = \"([A-Z0-9-]+)\"")
      message(FATAL_ERROR "${toml}: a [[claim]] without an id")
    endif()
    set(id ${CMAKE_MATCH_1})
    if(table MATCHES "\ncase = \"([a-z0-9_]+)\"")
      set(name ${CMAKE_MATCH_1})
      set(tags "")
      if(table MATCHES "\ntags = _([^_\n]*)_")  # tags = ["timing", "slow"], brackets made _ above
        string(REGEX MATCHALL "[a-z-]+" tags "${CMAKE_MATCH_1}")
      endif()
      ipc_case(${id} ${area} ${name} ${tags})
    endif()
  endforeach()
endfunction()
