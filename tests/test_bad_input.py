"""Bad input never gives a traceback and is always accounted for."""

from __future__ import annotations

import json

import pytest

from newsweave.cli import main

from .conftest import HARBOUR, write_files

GERMAN = (
    "Hafenkran in Elden eingestürzt\n\n"
    "Ein Containerkran ist am Montag im Hafen von Elden eingestürzt und hat zwei Arbeiter "
    "verletzt. Die Hafenbehörde sagte, dass der Ausleger bei einer routinemäßigen Hebung "
    "versagt habe und die Arbeiten am Nordterminal bis auf Weiteres eingestellt seien. "
    "Die Verletzten wurden in das Krankenhaus gebracht, wo sie behandelt werden."
)


def weave_json(capsys, *paths: str) -> tuple[int, dict | None, str]:
    code = main(["weave", *paths, "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, (json.loads(out) if out else None), err


def balanced(data: dict) -> bool:
    a = data["accounting"]
    return a["inputs"] == a["in_stories"] + a["duplicates"] + a["rejected"]


def test_empty_folder(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, data, err = weave_json(capsys, str(tmp_path / "empty"))
    assert code == 4 and data is None
    assert "empty folder" in err


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blob.bin", bytes(range(256)) * 64, "binary"),
        ("doc.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "binary"),
        ("page.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
        ("de.txt", GERMAN.encode("utf-8"), "not English"),
    ],
)
def test_rejected_beside_good_articles(tmp_path, capsys, name, content, reason):
    folder = write_files(tmp_path / "in", {**HARBOUR, name: content})
    code, data, _ = weave_json(capsys, str(folder))
    assert code == 0 and balanced(data)
    assert data["accounting"]["in_stories"] == 3
    assert [r["path"].endswith(name) for r in data["rejected"]] == [True]
    assert reason in data["rejected"][0]["reason"]


@pytest.mark.parametrize(
    ("encoding", "title"),
    [
        ("cp1252", "Crane collapse at Port Elden: “résumé” of a 5€ error"),
        ("latin-1", "Crane collapse at Port Elden: café owners à la rescue"),
        ("utf-16", "Crane collapse at Port Elden: “résumé” ещё 5€"),
    ],
)
def test_legacy_encodings_are_read(tmp_path, capsys, encoding, title):
    text = title + "\n" + HARBOUR["a.txt"].split("\n", 1)[1]
    folder = write_files(tmp_path / "in", {"a.txt": text.encode(encoding)})
    code, data, _ = weave_json(capsys, str(folder))
    assert code == 0 and balanced(data)
    assert data["articles"][0]["title"] == title


def test_one_article(tmp_path, capsys):
    folder = write_files(tmp_path / "in", {"a.txt": HARBOUR["a.txt"]})
    code, data, _ = weave_json(capsys, str(folder))
    assert code == 0 and len(data["stories"]) == 1 and balanced(data)
    assert all(len(s["citations"]) == 1 for s in data["stories"][0]["summary"])


def test_five_identical_articles(tmp_path, capsys):
    folder = write_files(tmp_path / "in", {f"{i}.txt": HARBOUR["a.txt"] for i in range(5)})
    code, data, _ = weave_json(capsys, str(folder))
    assert code == 0 and balanced(data)
    assert data["accounting"]["in_stories"] == 1 and data["accounting"]["duplicates"] == 4
    assert len({a["id"] for a in data["articles"]}) == 5
    for sentence in data["stories"][0]["summary"]:
        assert len(sentence["citations"]) == 5


def test_fifty_megabyte_file_is_rejected_without_reading_it(tmp_path, capsys):
    big = tmp_path / "in" / "big.txt"
    write_files(tmp_path / "in", HARBOUR)
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    code, data, _ = weave_json(capsys, str(tmp_path / "in"))
    assert code == 0 and balanced(data)
    assert any("big.txt" in r["path"] and "MB" in r["reason"] for r in data["rejected"])


def test_unreadable_and_missing_paths(tmp_path, capsys):
    folder = write_files(tmp_path / "in", HARBOUR)
    code, data, _ = weave_json(capsys, str(folder), str(tmp_path / "nope.txt"))
    assert code == 0 and balanced(data)
    assert data["rejected"][0]["path"].endswith("nope.txt")


def test_broken_jsonl_lines_are_rejected_one_by_one(tmp_path, capsys):
    lines = [json.dumps({"id": k, "title": k, "text": v.split("\n\n", 1)[1]})
             for k, v in HARBOUR.items()]
    lines.insert(1, "{not json")
    folder = write_files(tmp_path / "in", {"feed.jsonl": "\n".join(lines) + "\n"})
    code, data, _ = weave_json(capsys, str(folder))
    assert code == 0 and balanced(data)
    assert data["accounting"]["inputs"] == 4 and data["accounting"]["rejected"] == 1
    assert {a["input"].rsplit("#", 1)[1] for a in data["articles"]} == set(HARBOUR)
