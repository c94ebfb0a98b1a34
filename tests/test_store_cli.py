"""`newsweave ingest | stories | show | search` end to end, through `main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.cli import main
from tests.conftest import HARBOUR, write_files


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = write_files(tmp_path / "in", {**HARBOUR, "empty.txt": ""})
    path = str(tmp_path / "s.db")
    assert main(["ingest", str(folder), "--db", path]) == 0
    err = capsys.readouterr().err
    assert "rejected" in err and "empty.txt" in err
    assert "4 inputs: 3 new in stories, 0 duplicates, 1 rejected, 0 already stored" in err
    return path


def _story_id(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["stories", "--db", db, "--json"]) == 0
    (story,) = json.loads(capsys.readouterr().out)
    return story["id"]


def test_ingest_again_reports_already_stored(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(tmp_path / "in"), "--db", db, "-q"]) == 0
    err = capsys.readouterr().err
    assert err.strip().endswith("3 already stored; 0 stories updated")
    assert "rejected empty.txt" not in err  # quiet


def test_stories_table_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", db, "--sort", "biggest", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "3 art" in out and "Crane" in out
    story_id = _story_id(db, capsys)
    assert story_id.startswith("s")


@pytest.mark.parametrize("fmt, marker", [("terminal", "Port Elden"), ("markdown", "## 1. "),
                                         ("json", '"schema": "newsweave.digest/1"')])
def test_show(db: str, fmt: str, marker: str, capsys: pytest.CaptureFixture[str]) -> None:
    story_id = _story_id(db, capsys)
    assert main(["show", story_id, "--db", db, "--format", fmt]) == 0
    assert marker in capsys.readouterr().out


def test_show_json_is_the_stored_story(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    story_id = _story_id(db, capsys)
    main(["show", story_id, "--db", db, "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["stories"]] == [story_id]
    assert data["accounting"] == {"inputs": 3, "in_stories": 3, "duplicates": 0, "rejected": 0}


def test_unknown_story_is_a_clear_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "s0000000000", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "story 's0000000000' does not exist" in err and "Traceback" not in err


def test_search(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "crane boom", "--db", db, "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("story ") and "[boom]" in out and "article " in out
    assert main(["search", "crane", "--db", db, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {h["kind"] for h in hits} == {"story", "article"}


def test_a_corrupt_database_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage " * 1000)
    for argv in (["stories", "--db", str(bad)], ["ingest", str(tmp_path), "--db", str(bad)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "is not a newsweave database" in err and "Traceback" not in err


def test_a_missing_database_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 1
    assert "no such database" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
