// Helpers for the CDSReport tests: temporary folders, the repository's files, a small province
// to validate and aggregate, CSV text in and out, and the command-line binary.
//
// See TemporaryDirectory.swift, Repository.swift, ReturnRows.swift, TestBench.swift,
// CSVRecords.swift and CommandLineRun.swift.
