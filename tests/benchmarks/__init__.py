"""Benchmarks: figures printed beside a baseline measured in the same run, never asserted."""
