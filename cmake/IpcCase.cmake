# Case programs: one claim, one .cpp, one executable, one CTest test.
#
#   ipc_case(PIPE-04 write_blocks_when_full)   # in cases/<area>/CMakeLists.txt
#
# builds <name>.cpp into <build>/cases/<area>/<name> and registers the test
# named after the claim through `ipc-claims exec`, so that ctest and the
# runner isolate, time out and judge a case the same way.
set(IPC_CASES_DIR ${CMAKE_BINARY_DIR}/cases)
set(IPC_CATALOGUE_DIR ${CMAKE_BINARY_DIR}/catalogue)
set(IPC_CASE_TIMEOUT 30 CACHE STRING "Seconds before a case is killed and reported as TIMEOUT")

function(ipc_case claim name)
  get_filename_component(area ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  set(target case.${area}.${name})
  add_executable(${target} ${name}.cpp)
  target_link_libraries(${target} PRIVATE ipc_case_main)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name}
    RUNTIME_OUTPUT_DIRECTORY ${IPC_CASES_DIR}/${area})
  add_test(NAME ${claim}
    COMMAND ipc-claims exec --timeout ${IPC_CASE_TIMEOUT} $<TARGET_FILE:${target}>)
  math(EXPR ctest_timeout "${IPC_CASE_TIMEOUT} + 15")
  set_tests_properties(${claim} PROPERTIES
    SKIP_RETURN_CODE 77
    LABELS "case;${area}"
    TIMEOUT ${ctest_timeout})
endfunction()
