"""Invariants over generated article sets: cited text is real text, the account always adds up."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsweave
from newsweave.text.tokens import fold

from .conftest import HARBOUR, write_files

POOL = sorted(
    {p.strip() for text in HARBOUR.values() for p in text.split("\n\n")[1:]}
    | {
        "The port authority said loading at the southern terminal continued as normal.",
        "Local officials promised a full public report on the collapse within six weeks.",
        "Elden is the country's third-busiest container port, handling about 900,000 boxes a "
        "year.",
        "Workers at a nearby shipyard stopped work for an hour in solidarity on Monday.",
    }
)

article = st.tuples(
    st.sampled_from(["Crane collapse at Elden", "Port Elden accident", "Elden crane inquiry"]),
    st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True),
)


def norm(text: str) -> str:
    return " ".join(fold(text).split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article, min_size=1, max_size=5), st.integers(min_value=20, max_value=150))
def test_summary_sentences_are_cited_text_and_accounting_adds_up(articles, words):
    with tempfile.TemporaryDirectory() as tmp:
        files = {f"{i}.txt": title + "\n\n" + "\n\n".join(body)
                 for i, (title, body) in enumerate(articles)}
        try:
            digest = newsweave.weave(
                write_files(Path(tmp), files),
                newsweave.WeaveConfig(budget=newsweave.Budget(words=words)),
            )
        except newsweave.NothingToDigest as error:
            digest = error.digest
    assert digest.accounting.balanced
    assert digest.accounting.inputs == len(articles)
    in_stories = {aid for s in digest.stories for aid in s.article_ids}
    duplicates = {d.article_id for d in digest.duplicates}
    rejected = len(digest.rejected)
    assert len(in_stories) + len(duplicates) + rejected == len(articles)
    assert not in_stories & duplicates
    for story in digest.stories:
        assert sum(len(s.text.split()) for s in story.summary) <= words
        for sentence in story.summary:
            cited = [digest.article(c.article_id) for c in sentence.citations]
            assert norm(sentence.text) in norm(cited[0].text)
            assert len({c.article_id for c in sentence.citations}) == len(sentence.citations)
