"""bench/set_floors.py proposes floors from eval reports, dedup sets included (it used to stop on them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "set_floors.py"
FLOORS = json.loads((ROOT / "sucesos" / "eval" / "floors.json").read_text(encoding="utf-8"))["sets"]


def _propose(tmp_path: Path, flag: str, report: dict) -> str:
    folder = tmp_path / flag
    folder.mkdir()
    (folder / "dedup-dev.json").write_text(json.dumps(report), encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), f"--{flag}", str(folder)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_dedup_floors_are_proposed_below_the_measured_figures_and_never_loosened(tmp_path):
    pinned = FLOORS["dedup-dev"]["full"]
    figures = {name: min(1.0, floor + 0.05) for name, floor in pinned["min"].items()}
    figures["pairwise_f1"] = pinned["min"]["pairwise_f1"] - 0.1  # a regression: the floor must fall, marked
    figures.update(mixed_events=0, events_per_incident=2.0)
    out = _propose(tmp_path, "full", {"task": "dedup", "limit": None, "retell": False, "figures": figures})
    lines = {line.split(":")[0]: line for line in out.splitlines()}
    assert "LOWERED" in lines["dedup-dev full min pairwise_f1"]
    assert "LOWERED" not in lines["dedup-dev full min bcubed_f1"]
    # a ceiling the measurement meets is kept or tightened, never loosened
    assert lines["dedup-dev full max events_per_incident"].split("-> ")[1].startswith("2.2")
    assert lines["dedup-dev full max mixed_events"].split("-> ")[1].startswith("0 ")


def test_a_retell_report_sets_only_the_retell_floors(tmp_path):
    figures = {"retold_pairs_merged": 0.99, "pairwise_f1": 0.99, "mixed_events": 0, "share_in_main_event": 0.5}
    out = _propose(tmp_path, "retell", {"task": "dedup", "limit": None, "retell": True, "figures": figures})
    assert "dedup-dev retell min retold_pairs_merged" in out
    assert "share_in_main_event" not in out  # not a retell floor

def test_a_plain_report_is_not_taken_for_a_retell_one(tmp_path):
    figures = {"retold_pairs_merged": 0.99, "pairwise_f1": 0.99, "mixed_events": 0}
    out = _propose(tmp_path, "retell", {"task": "dedup", "limit": None, "retell": False, "figures": figures})
    assert "retold_pairs_merged" not in out
