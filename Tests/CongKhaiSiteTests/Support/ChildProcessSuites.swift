import Testing

/// Every suite that starts processes (the `congkhai` binary, `python3`, a preview server) is
/// nested here, so they run one at a time: `.serialized` applies to nested suites, while a
/// `.serialized` on each suite alone would only order the tests inside it. Two debug builds of a
/// 20 MB notice, 30 SIGKILLed builds and a preview server competing for a 2-core machine turn
/// generous bounds into flaky ones. Suites that stay in the test process still run in parallel.
@Suite("Suites that start processes, one at a time", .serialized)
enum ChildProcessSuites {}
