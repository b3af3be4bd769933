import shutil
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.run import run
from tests.conftest import DEV_TEXTS


@pytest.fixture(scope="session")
def dev_output(tmp_path_factory) -> Path:
    """One extraction of the three dev dumps, shared by the tests that read its tables."""
    raw = tmp_path_factory.mktemp("raw")
    for path in DEV_TEXTS:
        shutil.copy(path, raw / path.name)
    out = tmp_path_factory.mktemp("processed")
    summary = run(raw, out)
    assert summary.exit_code == 0
    return out


@pytest.fixture(scope="session")
def documents(dev_output: Path) -> pd.DataFrame:
    return pd.read_parquet(dev_output / "documents.parquet").set_index("source_path", drop=False)
