"""JSON and JSON Lines: article objects, lists of them, `{"articles": [...]}`, benchmark clusters.

Record names: `path#<id>` from the record's `id`, else its 1-based index (JSON list) or line
number (JSONL); a benchmark cluster's documents are `path#<cluster id>/<1-based index>`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsweave.ingest.lines import Lines
from newsweave.ingest.records import megabytes, read_record, record_id
from newsweave.model import RawDocument, Rejected

Item = RawDocument | Rejected


def read_json(name: str, text: str, notes: tuple[str, ...], max_bytes: int) -> Iterator[Item]:
    """The articles of a whole JSON document (concatenated JSON lines are accepted too)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            yield from _json_lines(name, text.splitlines(), notes, max_bytes)
        else:
            yield Rejected(name, f"invalid JSON: {error}")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, list):
        if not data:
            yield Rejected(name, "no articles in the JSON file (an empty list)")
        for index, record in enumerate(data, start=1):
            yield from read_record(record, f"{name}#{_id(record, index)}", "json", max_bytes, notes)
    elif isinstance(data, dict) and isinstance(data.get("documents"), list):
        yield from read_record(data, f"{name}#{_id(data, 1)}", "json", max_bytes, notes)
    else:
        yield from read_record(data, name, "json", max_bytes, notes)


def read_jsonl(name: str, stream: BinaryIO, head: bytes, max_bytes: int) -> Iterator[Item]:
    """The articles of a JSON Lines stream, one record per line, read line by line."""
    lines = Lines(stream, head, max_bytes)
    found = False
    for number, line in enumerate(lines, start=1):
        note, oversize = lines.take()
        if oversize:
            found = True
            yield Rejected(f"{name}#{number}", f"record too large: over {megabytes(max_bytes)}")
        elif line.strip():
            found = True
            yield from _json_line(name, number, line, (note,) if note else (), max_bytes)
    if not found:
        yield Rejected(name, "no records (only blank lines)")


def _json_lines(
    name: str, lines: list[str], notes: tuple[str, ...], max_bytes: int
) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield from _json_line(name, number, line, notes, max_bytes)


def _json_line(
    name: str, number: int, line: str, notes: tuple[str, ...], max_bytes: int
) -> Iterator[Item]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        yield Rejected(f"{name}#{number}", f"invalid JSON: {error}")
        return
    yield from read_record(record, f"{name}#{_id(record, number)}", "jsonl", max_bytes, notes)


def _id(record: Any, position: int) -> str:
    return record_id(record, position) if isinstance(record, dict) else str(position)
