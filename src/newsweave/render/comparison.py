"""A story's Comparison as JSON-ready data, Markdown lines, or a rich renderable.

Citations use the story's numbers ([n], from `legend.story_numbers`); an article without a
number is shown by its id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from functools import cache
from typing import Any

from newsweave.model import Comparison, Conflict, Evidence

MAX_EXCLUSIVES = 10


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """Plain dicts, lists, strings and numbers (tuples become lists)."""
    data = _plain(c)
    for entity in data["entities"]:
        entity["mentions"] = [{"article_id": a, "count": n} for a, n in entity["mentions"]]
    return data


def comparison_markdown(c: Comparison, numbers: dict[str, int]) -> list[str]:
    """Markdown sections (### headings) with [n] citations; empty sections are left out."""
    lines: list[str] = []
    if c.agreements:
        lines += ["### Agreements", ""]
        lines += [f"- {_md(a.text)} ({a.sources} sources) {_marks(a.evidence, numbers)}"
                  for a in c.agreements]
        lines.append("")
    if c.conflicts:
        lines += ["### Conflicts", ""]
        for conflict in c.conflicts:
            lines += _conflict_md(conflict, numbers)
        lines.append("")
    if c.exclusives:
        lines += ["### Only one source", ""]
        lines += [f"- {_md(e.text)} {_marks(e.evidence, numbers)}"
                  for e in c.exclusives[:MAX_EXCLUSIVES]]
        if len(c.exclusives) > MAX_EXCLUSIVES:
            lines.append(f"- … and {len(c.exclusives) - MAX_EXCLUSIVES} more")
        lines.append("")
    if c.timeline:
        lines += ["### Timeline", ""]
        lines += [f"- **{t.date}** {_md(t.text)} {_marks(t.evidence, numbers)}" for t in c.timeline]
        lines.append("")
    if c.entities:
        lines += ["### Who and where", ""]
        lines += [f"- {_md(e.name)} ({e.kind}; {_variants(e.variants)}"
                  f"{sum(n for _, n in e.mentions)} mentions in {len(e.mentions)} sources)"
                  for e in c.entities]
        lines.append("")
    return lines


def comparison_terminal(c: Comparison, numbers: dict[str, int]) -> Any:
    """A rich renderable: tables of conflicts and agreements, then the timeline."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    if c.conflicts:
        table = Table(title="Conflicts", show_lines=True, expand=True)
        for column in ("kind", "subject", "sides", "strict"):
            table.add_column(column)
        for x in c.conflicts:
            sides = "\n".join(f"{s.value} {_marks(s.evidence, numbers)}" for s in x.sides)
            table.add_row(x.kind, x.subject, Text(sides), "yes" if x.strict else "no")
        parts.append(table)
    if c.agreements:
        table = Table(title="Agreements", expand=True)
        table.add_column("sources", justify="right")
        table.add_column("information")
        for a in c.agreements:
            table.add_row(str(a.sources), Text(f"{a.text} {_marks(a.evidence, numbers)}"))
        parts.append(table)
    parts += [Text(f"{t.date}  {t.text} {_marks(t.evidence, numbers)}") for t in c.timeline]
    return Group(*parts)


def _conflict_md(x: Conflict, numbers: dict[str, int]) -> list[str]:
    head = f"- **{x.kind}: {_md(x.subject)}** ({'contradiction' if x.strict else 'differs'}) — "
    sides = [f"  - “{_md(s.value)}” ({s.normalized}) {_marks(s.evidence, numbers)}"
             for s in x.sides]
    return [head + _md(x.note), *sides]


def evidence_refs(evidence: Iterable[Evidence], numbers: dict[str, int]) -> list[int | str]:
    """The story numbers of the evidence's articles, each once (an id when it has no number)."""
    return list(dict.fromkeys(numbers.get(e.article_id, e.article_id) for e in evidence))


def _marks(evidence: Iterable[Evidence], numbers: dict[str, int]) -> str:
    return "[" + ", ".join(map(str, evidence_refs(evidence, numbers))) + "]"


def _variants(variants: tuple[str, ...]) -> str:
    return f"also {', '.join(variants[1:])}; " if len(variants) > 1 else ""


def _md(text: str) -> str:
    return " ".join(text.split()).replace("*", r"\*").replace("_", r"\_")


def _plain(value: Any) -> Any:
    """A dataclass as a dict of its fields in order, a tuple or list as a list, recursively (what
    `dataclasses.asdict` gives, without its deep copies: 40 stories 0.3 -> 0.08 CPU-s)."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    names = _field_names(type(value))
    if names:
        return {name: _plain(getattr(value, name)) for name in names}
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass, none for any other type."""
    return tuple(f.name for f in fields(cls)) if hasattr(cls, "__dataclass_fields__") else ()
