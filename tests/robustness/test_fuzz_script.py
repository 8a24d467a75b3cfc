"""The fuzz campaign runs (briefly here; ``python scripts/fuzz.py`` runs 100,000 cases)."""
from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT

FUZZ = ROOT / "scripts" / "fuzz.py"


def test_a_short_campaign_passes(tmp_path):
    done = subprocess.run([sys.executable, str(FUZZ), "--cases", "300", "--jobs", "1", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "300 cases, 0 failing, 0 distinct failures" in done.stdout


def test_a_case_replays_from_its_number():
    done = subprocess.run([sys.executable, str(FUZZ), "--case", "17", "-v"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("case17.") and "passes" in done.stdout
