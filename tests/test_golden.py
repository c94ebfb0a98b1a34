"""The bundled example's digest is the product: pin it.

Regenerate after an intended change with `NEWSWEAVE_UPDATE_GOLDEN=1 pytest tests/test_golden.py`
and review the diff of tests/golden/examples.json like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import newsweave

from .conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden" / "examples.json"


def pinned_view(data: dict) -> dict:
    """The parts of the digest that define it: stories, summaries, citations, duplicates, account
    (inputs are made relative so the golden file does not depend on the checkout's location)."""
    inputs = {a["id"]: Path(a["input"]).name for a in data["articles"]}
    return {
        "stories": [
            {
                "title": s["title"],
                "articles": [inputs[a] for a in s["article_ids"]],
                "duplicates": [inputs[a] for a in s["duplicate_ids"]],
                "summary": [
                    {"text": x["text"], "cited": [inputs[c["article_id"]] for c in x["citations"]]}
                    for x in s["summary"]
                ],
            }
            for s in data["stories"]
        ],
        "duplicates": [
            {"article": inputs[d["article_id"]], "of": inputs[d["duplicate_of"]], "kind": d["kind"]}
            for d in data["duplicates"]
        ],
        "rejected": [r["reason"] for r in data["rejected"]],
        "accounting": data["accounting"],
    }


def test_examples_digest_matches_golden():
    view = pinned_view(newsweave.digest_to_dict(newsweave.weave(EXAMPLES)))
    if os.environ.get("NEWSWEAVE_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(view, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert view == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_examples_planted_duplicates_are_found():
    labels = json.loads((Path(__file__).parent / "data" / "examples_labels.json").read_text())
    view = pinned_view(newsweave.digest_to_dict(newsweave.weave(EXAMPLES)))
    found = {frozenset((d["article"], d["of"])): d["kind"] for d in view["duplicates"]}
    syndicated = frozenset((labels["syndicated"]["copy"], labels["syndicated"]["original"]))
    rewrite = frozenset((labels["rewrite"]["rewrite"], labels["rewrite"]["original"]))
    assert found.keys() == {syndicated, rewrite}
    assert found[syndicated] in {"exact", "near"}
    assert view["accounting"] == {"inputs": 7, "in_stories": 5, "duplicates": 2, "rejected": 0}
