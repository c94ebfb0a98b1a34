"""A run's stories as JSONL shards in a folder, with a manifest that makes the run resumable.

Layout of `out_dir`:
- `stories-<key>.jsonl`: one story per line, as in the digest's `stories` list;
- `duplicates.jsonl`, `rejected.jsonl`: one record per line, as in the digest;
- `plan.json`: what dedup and clustering decided (duplicates, shared passages, story groups),
  with a fingerprint of the articles they were decided for;
- `manifest.json`: the settings' fingerprint, the shards in story order, the accounting.

The plan is written as soon as clustering ends and a shard as soon as it is built (atomically: a
temporary file renamed), so a rerun of an interrupted run with the same settings reads and
cleans the inputs again, then loads the plan (when the articles are the same) and the finished
shards instead of recomputing them. The settings are a checked parameter: a folder written with
other settings is refused rather than mixed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.model import Article, Digest, Duplicate, SharedPassage, Story
from newsweave.render.to_json import digest_to_dict, story_to_dict

SCHEMA = "newsweave.shards/1"
MANIFEST = "manifest.json"
PLAN = "plan.json"


@dataclass(frozen=True, slots=True)
class Plan:
    """What dedup and clustering decided for a run's articles; the stories follow from it."""

    duplicates: Sequence[Duplicate]
    passages: Sequence[SharedPassage]
    groups: Sequence[Sequence[str]]


class Shards:
    """The shards of one output folder: which partitions of stories are finished."""

    def __init__(self, folder: Path, fingerprint: str, done: dict[str, str]) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.done = done  # partition key -> shard file name, finished by this run or an earlier one
        self.used: list[str] = []  # this run's partition keys, in story order

    @classmethod
    def open(cls, out_dir: str | os.PathLike[str], config: object) -> Shards:
        """The folder's shards; created when missing, refused when written with other settings."""
        folder = Path(out_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NewsweaveError(f"cannot create {folder}: {error.strerror}") from error
        fingerprint = hashlib.sha1(repr(config).encode()).hexdigest()
        manifest = read_manifest(folder)
        if manifest is None:
            return cls(folder, fingerprint, {})
        if manifest.get("schema") != SCHEMA or manifest.get("settings") != fingerprint:
            raise NewsweaveError(f"{folder} holds a run with other settings; use another --out-dir")
        return cls(folder, fingerprint, {s["key"]: s["file"] for s in manifest["shards"]})

    def plan(self, articles: Sequence[Article]) -> Plan | None:
        """The plan an earlier run wrote for the same articles, else None."""
        path = self.folder / PLAN
        if not path.is_file():
            return None
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise NewsweaveError(f"{path} is not a newsweave plan: {error}") from error
        if saved.get("articles") != _articles_key(articles):
            return None
        return Plan(
            [Duplicate(*d) for d in saved["duplicates"]],
            [SharedPassage(a, b, tuple(map(tuple, pairs)), sim)
             for a, b, pairs, sim in saved["passages"]],
            saved["groups"],
        )

    def write_plan(self, articles: Sequence[Article], plan: Plan) -> None:
        """Record the plan of these articles (exact floats: a reloaded plan is the same)."""
        saved = {
            "articles": _articles_key(articles),
            "duplicates": [[d.article_id, d.duplicate_of, d.similarity, d.kind]
                           for d in plan.duplicates],
            "passages": [[p.article_id, p.other_id, p.sentence_pairs, p.similarity]
                         for p in plan.passages],
            "groups": plan.groups,
        }
        _atomic(self.folder / PLAN, json.dumps(saved) + "\n")

    def key(self, groups: Sequence[Sequence[str]]) -> str:
        """A partition's key: the settings and its stories' members."""
        text = self.fingerprint + "\n" + "\n".join("|".join(g) for g in groups)
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    def finished(self, groups: Sequence[Sequence[str]]) -> list[Story] | None:
        """The stories of a partition finished by an earlier run, else None."""
        from newsweave.store.codec import story_from_dict

        key = self.key(groups)
        name = self.done.get(key)
        if name is None or not (self.folder / name).is_file():
            return None
        self.used.append(key)
        with open(self.folder / name, encoding="utf-8") as file:
            return [story_from_dict(json.loads(line)) for line in file]

    def write(
        self, groups: Sequence[Sequence[str]], stories: Sequence[Story],
        sources: Mapping[str, str],
    ) -> None:
        """Write one partition's shard, then record it in the manifest."""
        key = self.key(groups)
        name = f"stories-{key}.jsonl"
        lines = (json.dumps(story_to_dict(s, sources), ensure_ascii=False) for s in stories)
        _atomic(self.folder / name, "".join(line + "\n" for line in lines))
        self.done[key] = name
        self.used.append(key)
        self._manifest(self.done, {})

    def finish(self, digest: Digest) -> None:
        """Record the finished run: its shards in story order, duplicates, rejections, account."""
        whole = digest_to_dict(digest)
        for name in ("duplicates", "rejected"):
            body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in whole[name])
            _atomic(self.folder / f"{name}.jsonl", body)
        shards = {key: self.done[key] for key in self.used}
        self._manifest(shards, {"accounting": whole["accounting"], "complete": True})

    def _manifest(self, shards: Mapping[str, str], fields: dict[str, Any]) -> None:
        manifest = {
            "schema": SCHEMA, "settings": self.fingerprint,
            "shards": [{"key": k, "file": f} for k, f in shards.items()], **fields,
        }
        _atomic(self.folder / MANIFEST, json.dumps(manifest, indent=2) + "\n")


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest, None when there is none yet."""
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NewsweaveError(f"{path} is not a newsweave manifest: {error}") from error


def _articles_key(articles: Sequence[Article]) -> str:
    """A fingerprint of everything dedup and clustering read from the articles, in order."""
    digest = hashlib.sha1()
    for a in articles:
        fields = (a.id, a.title, a.source, a.url, a.published, a.paragraphs)
        digest.update(repr(fields).encode())
    return digest.hexdigest()


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
