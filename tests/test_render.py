"""Renderers: untrusted article text stays text in Markdown and in the terminal."""

from __future__ import annotations

import io

import newsweave
from newsweave.render.terminal import render_terminal
from newsweave.render.to_markdown import render_markdown

from .conftest import HARBOUR, write_files

HOSTILE_TITLE = "[bold red]Pwned[/] <script>alert(1)</script> | *x* `y`"


def hostile_digest(tmp_path):
    files = dict(HARBOUR)
    files["a.txt"] = HOSTILE_TITLE + "\n" + files["a.txt"].split("\n", 1)[1]
    return newsweave.weave(write_files(tmp_path / "in", files))


def test_markdown_escapes_markup_in_titles(tmp_path):
    md = render_markdown(hostile_digest(tmp_path))
    assert "<script>" not in md
    assert "\\<script\\>" in md
    assert "\\| \\*x\\*" in md


def test_terminal_prints_rich_markup_literally(tmp_path):
    out = io.StringIO()
    render_terminal(hostile_digest(tmp_path), out, width=120)
    text = out.getvalue()
    assert "[bold red]Pwned[/]" in text


def test_markdown_lists_sources_and_duplicates(tmp_path):
    files = {**HARBOUR, "copy.txt": HARBOUR["b.txt"]}
    md = render_markdown(newsweave.weave(write_files(tmp_path / "in", files)))
    assert "exact duplicate of [" in md
    assert "4 inputs: 3 in 1 story, 1 duplicate, 0 rejected" in md
