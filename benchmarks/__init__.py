"""Benchmarks on the real corpora (not part of the test suite): python -m benchmarks.throughput --help."""
