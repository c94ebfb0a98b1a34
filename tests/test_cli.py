"""The CLI: formats, the JSON contract, exit codes, stderr accounting."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsweave.cli import build_parser, main

from .conftest import HARBOUR, write_files


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(tmp_path, capsys):
    folder = write_files(tmp_path / "in", HARBOUR)
    code, out, err = run(capsys, "weave", str(folder), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "newsweave.digest/1"
    assert {"articles", "stories", "duplicates", "rejected", "accounting"} <= data.keys()
    for article in data["articles"]:
        assert {"id", "title", "source", "input"} <= article.keys()
        assert article["input"].startswith(str(folder))
    story = data["stories"][0]
    assert {"id", "article_ids", "summary"} <= story.keys()
    for sentence in story["summary"]:
        assert sentence["text"] and sentence["citations"]
        assert all("article_id" in c for c in sentence["citations"])
    assert data["accounting"] == {"inputs": 3, "in_stories": 3, "duplicates": 0, "rejected": 0}
    assert "3 inputs: 3 in 1 story, 0 duplicates, 0 rejected" in err


def test_json_validates_against_the_published_schema(tmp_path, capsys):
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("newsweave.render").joinpath("digest.schema.json").read_text())
    folder = write_files(tmp_path / "in", {**HARBOUR, "copy.txt": HARBOUR["a.txt"], "e.txt": ""})
    _, out, _ = run(capsys, "weave", str(folder), "--json")
    jsonschema.validate(json.loads(out), schema)


@pytest.mark.parametrize(
    ("name", "marker"), [("out.md", "# newsweave digest"), ("out.json", '"schema"')]
)
def test_output_format_follows_the_extension(tmp_path, capsys, name, marker):
    folder = write_files(tmp_path / "in", HARBOUR)
    target = tmp_path / name
    code, out, _ = run(capsys, "weave", str(folder), "-o", str(target))
    assert code == 0 and out == ""
    assert marker in target.read_text(encoding="utf-8")


def test_terminal_output_shows_summary_and_sources(tmp_path, capsys):
    folder = write_files(tmp_path / "in", HARBOUR)
    code, out, _ = run(capsys, "weave", str(folder))
    assert code == 0
    assert "[1" in out and "Port Elden" in out


def test_unknown_output_extension_is_a_clear_error(tmp_path, capsys):
    folder = write_files(tmp_path / "in", HARBOUR)
    code, _, err = run(capsys, "weave", str(folder), "-o", str(tmp_path / "x.docx"))
    assert code == 1 and "extension" in err and "Traceback" not in err


def test_nothing_to_digest_exits_non_zero_with_one_line(tmp_path, capsys):
    code, out, err = run(capsys, "weave", str(tmp_path / "missing"))
    assert code == 4
    assert out == ""
    last = err.strip().splitlines()
    assert any(line.startswith("newsweave: nothing to digest") for line in last)


def test_every_command_is_documented_in_the_readme():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"newsweave {name}" in readme, name


def test_console_script_help_runs():
    result = subprocess.run(
        [sys.executable, "-m", "newsweave.cli", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "weave" in result.stdout


def test_standard_input_is_one_article():
    result = subprocess.run(
        [sys.executable, "-m", "newsweave.cli", "weave", "-", "--json"],
        input=HARBOUR["a.txt"], capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["input"] for a in data["articles"]] == ["-"]
    assert data["articles"][0]["title"] == "Crane collapse halts work at Port Elden"


def test_story_threshold_splits_a_story(tmp_path, capsys):
    folder = write_files(tmp_path / "in", HARBOUR)
    code, out, _ = run(capsys, "weave", str(folder), "--json", "--story-threshold", "0.99")
    assert code == 0 and len(json.loads(out)["stories"]) == 3


def test_fragment_size_zero_leaves_a_straggler_alone(tmp_path, capsys):
    from tests.test_cluster_fragments import MARATHON, STRAY

    files = {f"run{k}.txt": f"{t}\n\n{x}" for k, (t, x) in enumerate([*MARATHON, STRAY])}
    folder = write_files(tmp_path / "in", files)
    sizes = {}
    for n in ("6", "0"):
        code, out, _ = run(capsys, "weave", str(folder), "--json", "--fragment-size", n)
        assert code == 0
        sizes[n] = sorted(len(s["article_ids"]) for s in json.loads(out)["stories"])
    assert sizes == {"6": [9], "0": [1, 8]}
    with pytest.raises(SystemExit):
        build_parser().parse_args(["weave", str(folder), "--fragment-size", "-1"])
