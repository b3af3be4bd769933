import os
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLDEN = Path(__file__).parent / "golden"
DEV_TEXTS = sorted(RAW.glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def raw_dir() -> Path:
    return RAW
