"""Where the tests' data lives: one place, so moving a test never breaks a path."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
TESTS = ROOT / "tests"
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
SEED_TEXT = DATA / "seed.txt"
EXTRACTION = DATA / "extraction"
