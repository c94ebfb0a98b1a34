"""The digest does not depend on Python's hash seed (set iteration order)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from .conftest import SHARED

VALIDATION = SHARED / "data" / "multinews" / "validation.jsonl.gz"
# A two-article story whose summary came out two ways across hash seeds: concept sets summed in
# set order rounded differently and flipped a tie between two sentences.
RECORD = "multinews-val-2971"


@pytest.mark.skipif(not VALIDATION.is_file(), reason=f"absent: {VALIDATION}")
def test_digest_is_the_same_under_every_hash_seed(tmp_path):
    with gzip.open(VALIDATION, "rt", encoding="utf-8") as f:
        line = next(x for x in f if json.loads(x)["id"] == RECORD)
    path = tmp_path / "story.jsonl"
    path.write_text(line, encoding="utf-8")
    outputs = {
        subprocess.run(
            [sys.executable, "-c", "import sys; from newsweave.cli import main; sys.exit(main())",
             "weave", str(path), "--format", "json", "-q"],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in range(1, 5)
    }
    assert len(outputs) == 1
