# The case measures with the bench's measuring library (bench/measure/, on harness/sys
# only), and formats its evidence with fmt.
target_link_libraries(case.perf.shm_fastest_for_bulk_only PRIVATE ipc_bench_measure fmt::fmt)
# A measurement: CTest runs it alone, never beside another test that could
# take its CPU (then it can only skip, too noisy to decide: other work on the
# measuring CPU slows the ring far more than the pipe).
set_tests_properties(PERF-01 PROPERTIES RUN_SERIAL TRUE)
