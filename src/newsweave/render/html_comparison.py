"""A story's Comparison as HTML sections: conflicts side by side, agreements, exclusives,
timeline, entities. Every piece of article text goes through `esc`."""

from __future__ import annotations

from collections.abc import Iterable

from newsweave.model import Comparison, Conflict, Entity, Evidence
from newsweave.render.comparison import MAX_EXCLUSIVES, evidence_refs
from newsweave.render.html_safe import esc


class Refs:
    """Links from a story's evidence to its numbered sources (`#{prefix}-src{n}`)."""

    def __init__(self, prefix: str, numbers: dict[str, int], labels: dict[str, str]) -> None:
        self.prefix = prefix
        self.numbers = numbers
        self.labels = labels

    def marks(self, evidence: Iterable[Evidence]) -> str:
        """`[1, 3]` with each number a link to the source's row."""
        links = [self.link(ref) for ref in evidence_refs(evidence, self.numbers)]
        return f'<span class="refs">[{", ".join(links)}]</span>'

    def link(self, ref: int | str) -> str:
        if isinstance(ref, str):  # an article outside the story's numbered sources
            return esc(ref)
        return f'<a href="#{self.prefix}-src{ref}">{ref}</a>'

    def quotes(self, evidence: Iterable[Evidence]) -> str:
        """Each evidence sentence as a quotation with its source."""
        return "".join(
            f'<blockquote class="quote"><p>{esc(e.text)}</p><footer>'
            f"[{self.link(self.numbers.get(e.article_id, e.article_id))}] "
            f"<cite>{esc(self.labels.get(e.article_id, e.article_id))}</cite></footer>"
            "</blockquote>"
            for e in evidence
        )


def comparison_sections(c: Comparison, refs: Refs) -> list[str]:
    """One <section> per part of the comparison; an empty part says so."""
    p = refs.prefix
    return [
        _section(f"{p}-conflicts", "Conflicts", "".join(_conflict(x, refs) for x in c.conflicts),
                 "No conflicting figures, dates or names found."),
        _section(f"{p}-agreements", "Agreements", _list(
            f'{esc(a.text)} <span class="note">({a.sources} sources)</span> '
            f"{refs.marks(a.evidence)}" for a in c.agreements),
                 "No information carried by two or more distinct sources."),
        _section(f"{p}-exclusives", "Only one source", _exclusives(c, refs),
                 "Nothing reported by one source alone."),
        _section(f"{p}-timeline", "Timeline", _timeline(c, refs), "No dated events found."),
        _section(f"{p}-entities", "Who and where", _entities(c.entities, refs),
                 "No people, organisations or places found."),
    ]


def _section(section_id: str, heading: str, content: str, empty: str) -> str:
    body = content or f'<p class="note">{empty}</p>'
    return (f'<section aria-labelledby="{section_id}"><h3 id="{section_id}">{heading}</h3>'
            f"{body}</section>")


def _list(items: Iterable[str], tag: str = "ul") -> str:
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f"<{tag}>{rows}</{tag}>" if rows else ""


def _conflict(x: Conflict, refs: Refs) -> str:
    verdict = ('<span class="strict">contradiction</span>' if x.strict else "differs")
    sides = "".join(
        f'<div class="side"><p class="value">{esc(s.value)}</p>'
        f'<p class="note">normalised: {esc(s.normalized)} {refs.marks(s.evidence)}</p>'
        f"{refs.quotes(s.evidence)}</div>"
        for s in x.sides
    )
    return (f'<div class="conflict"><h4>{esc(x.kind)}: {esc(x.subject)} ({verdict})</h4>'
            f'<p class="note">{esc(x.note)}</p><div class="sides">{sides}</div></div>')


def _exclusives(c: Comparison, refs: Refs) -> str:
    items = [f"{esc(e.text)} {refs.marks(e.evidence)}" for e in c.exclusives]
    shown, rest = items[:MAX_EXCLUSIVES], items[MAX_EXCLUSIVES:]
    more = (f"<details><summary>{len(rest)} more</summary>{_list(rest)}</details>"
            if rest else "")
    return _list(shown) + more


def _timeline(c: Comparison, refs: Refs) -> str:
    return _list((f'<time datetime="{esc(t.date)}">{esc(t.date)}</time> {esc(t.text)} '
                  f"{refs.marks(t.evidence)}" for t in c.timeline), tag="ol")


def _entities(entities: tuple[Entity, ...], refs: Refs) -> str:
    if not entities:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{esc(e.name)}</th><td>{esc(e.kind)}</td>'
        f"<td>{esc(', '.join(e.variants[1:]))}</td>"
        f"<td>{sum(n for _, n in e.mentions)}</td><td>{_mentions(e, refs)}</td></tr>"
        for e in entities
    )
    return ('<div class="scroll" role="region" tabindex="0" aria-label="People, organisations '
            'and places"><table><thead><tr><th scope="col">name</th><th scope="col">kind</th>'
            '<th scope="col">also written</th><th scope="col">mentions</th>'
            f'<th scope="col">by source</th></tr></thead><tbody>{rows}</tbody></table></div>')


def _mentions(e: Entity, refs: Refs) -> str:
    return ", ".join(f"[{refs.link(refs.numbers.get(aid, aid))}]&#215;{n}"
                     for aid, n in e.mentions)
