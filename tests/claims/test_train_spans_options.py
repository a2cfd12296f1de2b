"""Training the span model never replaces the shipped weights unless told to."""

from __future__ import annotations

from pathlib import Path

from sucesos.claims.spans import MODEL_DIR
from sucesos.claims.train_spans import options


def test_a_training_run_writes_outside_the_package_unless_told_write():
    trial = options(["train"])
    assert Path(trial.out).resolve() != MODEL_DIR.resolve()
    assert MODEL_DIR.resolve() not in Path(trial.out).resolve().parents
    assert Path(options(["train", "--write"]).out).resolve() == MODEL_DIR.resolve()
    assert options(["train", "--out", "/tmp/x"]).out == "/tmp/x"
