"""clean: rules one by one, paragraphs, rejections, seeds end to end, labelled-set floors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.clean import article_id, clean
from newsweave.clean.boilerplate import line_rule
from newsweave.clean.labels import load_own, load_seeds, score
from newsweave.clean.markup import normalise
from newsweave.model import Article, RawDocument, Rejected

DATA = Path(__file__).parent / "data" / "boilerplate"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (shared data is absent)"
)
BODY = (
    "The harbour authority approved the new ferry terminal on Thursday after a long dispute.\n\n"
    "Construction of the terminal is expected to begin in September, officials said."
)


def _clean(text: str, **kw: str) -> Article:
    result = clean(RawDocument("t.txt", text, **kw))
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Share and Enjoy", "social"),
        ("Twitter", "social"),
        ("Add to favorites", "social"),
        ("RSS", "social"),
        ("View gallery", "navigation"),
        ("Advertisement", "navigation"),
        ("Photo by: Reuters", "photo-credit"),
        ("File photo shows US Secretary of State John Kerry (AFP)", "photo-caption"),
        ("US Secretary of State John Kerry speaks to reporters following a meeting on "
         "December 11, 2015 in Le Bourget, on the outskirts of Paris.", "photo-caption"),
        ("Kerry, left, Italian Foreign Minister Paolo Gentiloni, centre, & UN spe …",
         "truncated-caption"),
        ("Updated on", "timestamp"),
        ("Associated Press writers Jamey Keaten in Paris contributed to this report.", "byline"),
        ("TRTWorld and agencies", "byline"),
        ("By Anna Rethel, Staff Writer", "byline"),
        ("Source: “Associated Press”", "source"),
        ("Politics & GovernmentForeign PolicyJohn KerrySyriaVladimir PutinMoscow", "tag-list"),
        ("Tags: weather, storms", "tags"),
        ("Copyright © 2023 Coastal Wire. All rights reserved.", "copyright"),
        ("Read more: Velmora council votes to extend coastal path", "promo"),
        ("Comments (14)", "comments"),
        ("Reuters", "navigation"),
        ("Follow the Kesteria Times on Instagram", "social"),
        ("Residents inspect a damaged building in Selin, Tavora, on Monday, June 3, 2024.",
         "photo-caption"),
        ("Culture Desk | 5 June 2023", "dateline"),
    ],
)
def test_line_rules(line: str, rule: str) -> None:
    assert line_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Kerry said he would raise the issue on Twitter and by email with his counterpart.",
        "On January 14, 2024 the team presented its findings at a conference in Nordvik.",
        "The summit was held on December 11, 2015 in Paris, officials said.",
        "By the time the talks began, the rebels had already left the city.",
        "Source close to the talks said the deal was done.",
        "US frustration",
        "‘Real Work’",
        "Shares of McDonald's and YouTube owner Alphabet rose on Monday.",
        "“We will see what happens …”",
        "The law takes effect on Monday, June 3, 2024.",
        "Reuters reported the deal on Friday, citing two people familiar with it.",
    ],
)
def test_lines_kept(line: str) -> None:
    assert line_rule(line) is None


def test_markup_removed_and_entities_decoded() -> None:
    markup = "p>The council&rsquo;s vote &amp; the <b>result</b> came late.\n<br>\n"
    raw = "Title of the piece here\n\n" + markup + BODY
    article = _clean(raw)
    assert article.paragraphs[0].text == "The council’s vote & the result came late."
    assert [r.rule for r in article.removed] == ["markup"]


def test_source_line_fills_empty_source_only() -> None:
    raw = BODY + "\n\nSource: “Associated Press”"
    assert _clean(raw).source == "Associated Press"
    assert _clean(raw, source="Wire").source == "Wire"


def test_outlet_line_before_title() -> None:
    raw = "Dalvik Daily News\n\nMayor Ostrava wins second term in tight vote\n\n" + BODY
    article = _clean(raw)
    assert (article.title, article.source) == ("Mayor Ostrava wins second term in tight vote",
                                               "Dalvik Daily News")


def test_short_title_is_not_taken_for_an_outlet() -> None:
    raw = "Kerry in Moscow\n\nThe talks begin on Tuesday\n\n" + BODY
    assert _clean(raw).title == "Kerry in Moscow"


def test_given_title_repeated_in_text_is_dropped() -> None:
    article = _clean("Ferry terminal approved\n\n" + BODY, title="Ferry terminal approved")
    assert article.title == "Ferry terminal approved"
    assert article.paragraphs[0].text.startswith("The harbour")


def test_deck_repeated_in_body_keeps_the_body_copy() -> None:
    deck = "US officials expressed frustration that Assad is trying to set his own rules"
    article = _clean(f"A title for it\n\n{deck}\n\n{BODY}\n\n{deck} about the talks.")
    assert [r.rule for r in article.removed] == ["repeated"]
    assert article.paragraphs[-1].text == f"{deck} about the talks."


def test_headings_bullets_and_decks() -> None:
    raw = "A title for it\n\n  • Visit aims to narrow divisions\n\nUkraine Differences\n\n" + BODY
    article = _clean(raw)
    assert [p.heading for p in article.paragraphs] == [True, True, False, False]
    assert article.paragraphs[0].text == "Visit aims to narrow divisions"


def test_hard_wrapped_lines_join_and_sentence_lines_split() -> None:
    wrapped = ("The harbour authority approved the new ferry terminal on\n"
               "Thursday after a long dispute over the site of the pier.\n"
               "Construction is expected to begin in September, officials said.")
    article = _clean("A title for it\n\n" + wrapped)
    assert [p.text for p in article.paragraphs] == [
        "The harbour authority approved the new ferry terminal on Thursday after a long "
        "dispute over the site of the pier.",
        "Construction is expected to begin in September, officials said.",
    ]


def test_rejects_non_english() -> None:
    german = ("Der Bürgermeister hat am Montag die neue Fähre vorgestellt, die ab dem Sommer "
              "zwischen den beiden Häfen verkehren wird. Die Stadt hat dafür viel Geld ausgegeben.")
    result = clean(RawDocument("de.txt", german))
    assert isinstance(result, Rejected)
    assert result.reason == "not English (detected: de); newsweave summarises English text only"


def test_rejects_boilerplate_only_and_too_short() -> None:
    only = clean(RawDocument("b.txt", "Share and Enjoy\n• Facebook\n• Twitter\nAdvertisement"))
    assert isinstance(only, Rejected) and only.reason.startswith("no article text left")
    short = clean(RawDocument("s.txt", "The ferry terminal was approved on Thursday."))
    assert isinstance(short, Rejected) and short.reason.startswith("too short to be an article")


def test_article_id() -> None:
    assert article_id("Hello  world") == article_id("hello world") == article_id(" Hello\nworld")
    assert len(article_id("x")) == 12 and article_id("x").startswith("a")
    assert _clean(BODY).id == article_id(_clean(BODY).text)


@needs_seeds
def test_seeds_end_to_end() -> None:
    articles = {p.name[:3]: _clean(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    assert articles["003"].source == "Associated Press"
    assert articles["004"].source == "Citizens International"
    assert articles["004"].title == "Kerry in Moscow to push Syrian peace plan"
    assert articles["003"].paragraphs[3].text.startswith("A U.S. diplomat in Paris")
    assert all(a.language == "en" and a.n_words > 300 for a in articles.values())


@needs_seeds
def test_seed_labels_floor() -> None:
    s = score(load_seeds(DATA / "seeds.tsv", SEEDS))
    assert s.precision >= 0.95 and s.recall >= 0.95, s


def test_own_labels_floor() -> None:
    s = score(load_own(DATA / "own"))
    assert s.precision >= 0.95 and s.recall >= 0.95, s


def test_heldout_labels_floor() -> None:
    s = score(load_own(DATA / "heldout"))
    assert s.precision >= 0.95 and s.recall >= 0.85, s


_LINES = st.sampled_from([
    "Share and Enjoy", "  • Twitter", "Ukraine Differences", "<br>", "p>A diplomat said so.",
    "The talks&nbsp;will &amp; must go on, officials said on Friday.", "", "", "Photo by: AP",
    "Kerry met Putin in Moscow on Tuesday to discuss the plan for Syria", "He said: “No.”",
    "and hard-wrapped text continues here for a while before it ends.", "<i>tag</i> soup",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=25))
def test_cleaning_never_invents_text(rows: list[str]) -> None:
    raw = "\n".join(rows)
    result = clean(RawDocument("p.txt", raw))
    if isinstance(result, Rejected):
        return
    spans = sorted([(p.raw_start, p.raw_end) for p in result.paragraphs]
                   + [(r.raw_start, r.raw_end) for r in result.removed])
    assert all(0 <= a < b <= len(raw) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))
    for p in result.paragraphs:
        assert p.text == normalise(raw[p.raw_start : p.raw_end]) != ""
    for r in result.removed:
        assert r.text == raw[r.raw_start : r.raw_end]


def test_caption_attached_to_a_photo_credit_is_removed_but_a_separate_paragraph_is_kept():
    from newsweave.clean.boilerplate import classify

    lines = ["Photo by: Courier / Sadie Moran", "Mud fills a house on Quarry Row on Friday."]
    assert classify(lines, [False, True]) == ["photo-credit", "caption"]
    assert classify(lines, [False, False]) == ["photo-credit", None]
