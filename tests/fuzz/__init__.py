"""Fuzzing citelib's readers and writers through the public API (see README.md here)."""
