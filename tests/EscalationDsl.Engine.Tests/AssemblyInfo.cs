// OpenTelemetry's meter listeners are process-wide: two engines alive in one process would see
// each other's instruments in /metrics. Production runs one engine per process; the tests run one
// engine at a time for the same reason (and the crash test's child processes get the CPU they need).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
