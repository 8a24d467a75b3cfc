"""Shared fixtures: the shipped pack, and the third-party development data when present."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"
WMT = SHARED / "data" / "wmt-fr-en"


def shared_file(*parts: str) -> Path:
    """A file of the shared development data, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"shared data not available: {path}")
    return path


@pytest.fixture
def declared_confidence(monkeypatch):
    """Rules keep their declared confidence: behaviour tests must not move when
    ``corpora/precision.tsv`` is regenerated from new measurements."""
    import qa.engine

    monkeypatch.setattr(qa.engine, "measured_precision", lambda: {})
