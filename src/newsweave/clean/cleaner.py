"""RawDocument -> Article: title, boilerplate removal, paragraphs, language and length checks."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.clean.boilerplate import classify, source_value
from newsweave.clean.ids import article_id
from newsweave.clean.language import detect_language
from newsweave.clean.lines import Line, raw_lines
from newsweave.clean.paragraphs import paragraphs
from newsweave.clean.title import Head, find_head
from newsweave.model import Article, Paragraph, RawDocument, Rejected, RemovedLine

MIN_WORDS = 15
NO_TEXT = "no article text left after removing boilerplate"


def clean(raw: RawDocument) -> Article | Rejected:
    """The article's kept paragraphs (with removed lines recorded), or why there is none."""
    slots = raw_lines(raw.text)
    lines = [line for line in slots if line is not None and line.text]
    head = find_head(raw.title, lines)
    rules = _rules(lines, head, raw.text)
    removed = _removed(raw, slots, {line.start: r for line, r in zip(lines, rules, strict=True)})
    paras = paragraphs(raw.text, _blocks(slots, lines, rules))
    body = [p for p in paras if not p.heading]
    if not body:
        return Rejected(raw.input, NO_TEXT)
    language = detect_language(" ".join(p.text for p in body))
    if language not in ("en", "unknown"):
        return Rejected(
            raw.input,
            f"not English (detected: {language}); newsweave summarises English text only",
        )
    n_words = sum(len(p.text.split()) for p in body)
    if n_words < MIN_WORDS:
        return Rejected(
            raw.input,
            f"too short to be an article ({n_words} words of body text; need {MIN_WORDS})",
        )
    return _article(raw, head, paras, removed, rules, lines, language)


def _rules(lines: Sequence[Line], head: Head, raw: str) -> list[str | None]:
    """Boilerplate rule per non-blank line; the title and outlet lines get their own marks."""
    skip = {head.title_index, head.outlet_index} - {None}
    body = [i for i in range(len(lines)) if i not in skip]
    attached = [k > 0 and raw.count("\n", lines[body[k - 1]].end, lines[i].line_start) == 1
                for k, i in enumerate(body)]
    judged = dict(zip(body, classify([lines[i].text for i in body], attached), strict=True))
    marks = {head.title_index: "title", head.outlet_index: "outlet"}
    return [marks[i] if i in skip else judged[i] for i in range(len(lines))]


def _removed(
    raw: RawDocument, slots: Sequence[Line | None], rules: dict[int, str | None]
) -> list[RemovedLine]:
    """Boilerplate and markup-only lines, in raw order (the title is not boilerplate)."""
    out = []
    for line in slots:
        rule = rules.get(line.start, "markup") if line is not None else None
        if rule not in (None, "title"):
            text = raw.text[line.line_start : line.end]
            out.append(RemovedLine(text, line.line_start, line.end, rule))
    return out


def _blocks(
    slots: Sequence[Line | None], lines: Sequence[Line], rules: Sequence[str | None]
) -> list[list[Line]]:
    """Runs of adjacent kept lines; blank and removed lines end a run."""
    kept = {line.start for line, rule in zip(lines, rules, strict=True) if rule is None}
    blocks: list[list[Line]] = [[]]
    for slot in slots:
        if slot is not None and slot.text and slot.start in kept:
            blocks[-1].append(slot)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _article(
    raw: RawDocument,
    head: Head,
    paras: Sequence[Paragraph],
    removed: Sequence[RemovedLine],
    rules: Sequence[str | None],
    lines: Sequence[Line],
    language: str,
) -> Article:
    source = raw.source or head.outlet or _source_line(lines, rules)
    return Article(
        id=article_id("\n\n".join(p.text for p in paras)),
        input=raw.input,
        title=head.title or raw.title,
        source=source,
        url=raw.url,
        published=raw.published,
        paragraphs=tuple(paras),
        raw=raw.text,
        removed=tuple(removed),
        language=language,
    )


def _source_line(lines: Sequence[Line], rules: Sequence[str | None]) -> str:
    """The value of the last "Source: …" line, if any."""
    values = [
        source_value(line.text) for line, rule in zip(lines, rules, strict=True) if rule == "source"
    ]
    return values[-1] if values else ""
