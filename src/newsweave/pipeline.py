"""The main job: read -> clean -> split -> dedup -> cluster -> summarize + cite -> Digest.

Each step is a plain function over typed data; this module only wires them together and keeps
the account (every input ends up in a story, as a duplicate, or rejected with a reason).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from itertools import chain
from typing import BinaryIO, TypeVar

from newsweave.clean import clean
from newsweave.cluster import ClusterConfig, article_bags, cluster_articles
from newsweave.compare import LOOSE, compare_story
from newsweave.dedup import find_duplicates, match_sentences
from newsweave.engine import Engine, LocalEngine, chunks, one_blas_thread
from newsweave.engine.pool import PoolEngine
from newsweave.errors import NewsweaveError, NothingToDigest
from newsweave.ingest import read_inputs
from newsweave.ingest.walk import expand
from newsweave.model import (
    Accounting,
    Article,
    Digest,
    Duplicate,
    InputWarning,
    Rejected,
    Sentence,
    Story,
)
from newsweave.shards import Plan, Shards
from newsweave.summarize import Budget, summarize
from newsweave.summarize.citations import carriers_index, cite
from newsweave.text.segment import sentences_of
from newsweave.text.tokens import words

_LATEST = datetime.max.replace(tzinfo=UTC)
T = TypeVar("T")
PARTITION_BYTES = 16_000_000  # input bytes read and cleaned per partition
STORIES_PER_PARTITION = 200
# The local engine runs a step on a pool of one process per core (at most POOL_WORKERS) when
# the step has enough work to share. Stories: from POOL_STORIES on; measured on 2 cores
# (ingest's refresh), 40 stories (2,000 articles) 11.1-13.5 -> 10.2-10.4 s wall, 8-12 stories
# (400 articles) no faster, +17% CPU. Inputs: in partitions of at most POOL_READ_FILES files and
# about POOL_READ_BYTES bytes, from two partitions per worker on.
POOL_STORIES = 16
POOL_READ_FILES = 128
POOL_READ_BYTES = 1_000_000
POOL_WORKERS = 4


@dataclass(frozen=True, slots=True)
class WeaveConfig:
    """Every knob of a run, with the defaults a user gets from the CLI."""

    budget: Budget = field(default_factory=Budget)
    near_threshold: float = 0.8
    rewrite_threshold: float = 0.6
    citation_threshold: float = 0.5
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    max_file_bytes: int = 20_000_000
    seed: int = 1


Progress = Callable[[str], None]


@one_blas_thread
def weave(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    config: WeaveConfig | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
    out_dir: str | os.PathLike[str] | None = None,
) -> Digest:
    """Digest the articles found at `paths` (files, folders, or `-` for stdin).

    `engine` runs the steps (default: in this process; the digest does not depend on it).
    `out_dir` also writes the stories as JSONL shards with a manifest; a rerun into the same
    folder with the same settings reuses the dedup and clustering plan (when the articles are
    the same) and the shards already finished (see `newsweave.shards`).
    Raises NothingToDigest (with the digest of rejections attached) when no article survives.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    config = config or WeaveConfig()
    engine = engine or LocalEngine()
    shards = None if out_dir is None else Shards.open(out_dir, config)
    say = progress or (lambda _msg: None)
    say("reading and cleaning")
    articles, rejected, warnings = _read_and_clean(paths, config, stdin, engine)
    plan = shards.plan(articles) if shards else None
    if plan is None:
        plan = _plan(articles, config, engine, say)
        if shards is not None:
            shards.write_plan(articles, plan)
    else:
        say(f"duplicates and {len(plan.groups)} stories of {len(articles)} articles "
            "loaded from the earlier run")
    say(f"summarising {len(plan.groups)} stories")
    by_id = {a.id: a for a in articles}
    stories = tuple(_stories(plan, by_id, config, engine, shards))
    duplicates, passages = plan.duplicates, plan.passages
    accounting = Accounting(
        inputs=len(articles) + len(rejected),
        in_stories=sum(len(s.article_ids) for s in stories),
        duplicates=len(duplicates),
        rejected=len(rejected),
    )
    digest = Digest(
        articles=tuple(articles),
        stories=stories,
        duplicates=tuple(duplicates),
        rejected=tuple(rejected),
        passages=tuple(passages),
        warnings=tuple(warnings),
        accounting=accounting,
    )
    if not articles:
        raise NothingToDigest(_nothing_reason(rejected), digest)
    if shards is not None:
        shards.finish(digest)
    return digest


def _plan(
    articles: Sequence[Article], config: WeaveConfig, engine: Engine, say: Progress
) -> Plan:
    """Dedup, then the story groups of the articles that are not duplicates."""
    prepare = partial(prepare_partition, cluster=config.cluster)
    sentences: dict[str, tuple[Sentence, ...]] = {}
    bags: dict[str, Counter[str]] = {}
    for aid, sents, bag in chain.from_iterable(
        engine.map(prepare, chunks(articles, engine.partition_size))
    ):
        sentences[aid], bags[aid] = sents, bag
    say(f"finding duplicates among {len(articles)} articles")
    duplicates, passages = find_duplicates(
        articles,
        sentences,
        near_threshold=config.near_threshold,
        rewrite_threshold=config.rewrite_threshold,
        seed=config.seed,
        engine=engine,
    )
    duplicate_ids = {d.article_id for d in duplicates}
    canonical = [a for a in articles if a.id not in duplicate_ids]
    say(f"grouping {len(canonical)} articles into stories")
    return Plan(duplicates, passages, _cluster(canonical, bags, config.cluster))


def _cluster(
    canonical: Sequence[Article], bags: dict[str, Counter[str]], config: ClusterConfig
) -> list[list[str]]:
    """Story groups of the canonical articles from their precomputed terms (`bags` is emptied:
    the duplicates' terms are not needed, and the canonical ones are held only until done)."""
    canonical_bags = [bags[a.id] for a in canonical]
    bags.clear()
    return cluster_articles(canonical, config, bags=canonical_bags) if canonical else []


def _read_and_clean(
    paths: Sequence[str | os.PathLike[str]],
    config: WeaveConfig,
    stdin: BinaryIO | None,
    engine: Engine,
) -> tuple[list[Article], list[Rejected], list[InputWarning]]:
    articles, rejected, warnings = sort_cleaned(clean_partitioned(paths, config, engine, stdin))
    return _with_unique_ids(articles), rejected, warnings


def sort_cleaned(
    items: Iterable[Article | Rejected | InputWarning],
) -> tuple[list[Article], list[Rejected], list[InputWarning]]:
    """A cleaned input stream sorted into articles, rejections and warnings, in order."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    warnings: list[InputWarning] = []
    for item in items:
        if isinstance(item, InputWarning):
            warnings.append(item)
        else:
            (articles if isinstance(item, Article) else rejected).append(item)
    return articles, rejected, warnings


def clean_inputs(
    paths: Sequence[str | os.PathLike[str]], config: WeaveConfig, stdin: BinaryIO | None = None
) -> Iterator[Article | Rejected | InputWarning]:
    """Read and clean every input, streamed: articles (content ids, not yet made unique),
    rejections, and each accepted input's warnings just before its article."""
    for item in read_inputs(paths, stdin=stdin, max_file_bytes=config.max_file_bytes):
        if isinstance(item, Rejected):
            yield item
            continue
        yield from (InputWarning(item.input, note) for note in item.notes)
        yield clean(item)


Entry = str | Rejected  # a file, `-`, or a path that could not be listed


Cleaned = Article | Rejected | InputWarning


def clean_partitioned(
    paths: Sequence[str | os.PathLike[str]],
    config: WeaveConfig,
    engine: Engine,
    stdin: BinaryIO | None = None,
    then: Callable[[list[Cleaned]], list[T]] | None = None,
) -> Iterator[Cleaned | T]:
    """`clean_inputs` over partitions of the input files run by `engine` (about
    `PARTITION_BYTES` each; on the local engine's pool when there are enough files, see
    `POOL_READ_FILES`); the items come in the same order as from one `clean_inputs` call.
    `then` maps each partition's items where the partition is cleaned (the caller's
    per-article work, done in parallel with the cleaning)."""
    entries: list[Entry] = []
    for path in map(os.fspath, paths):
        entries.extend([path] if path == "-" else expand(path))
    if "-" in entries and not isinstance(engine, LocalEngine):
        raise NewsweaveError("standard input can only be read by the local engine")
    sizes = [_file_size(entry) for entry in entries]
    small = _by_size(entries, sizes, POOL_READ_BYTES, POOL_READ_FILES)
    read = partial(clean_partition, config=config, stdin=stdin, then=then)
    with pooled(engine, lambda workers: "-" not in entries and len(small) >= 2 * workers) as reader:
        parts = small if reader is not engine else _by_size(entries, sizes, PARTITION_BYTES)
        for items in reader.map(read, parts):
            yield from items


def clean_partition(
    entries: Sequence[Entry],
    *,
    config: WeaveConfig,
    stdin: BinaryIO | None = None,
    then: Callable[[list[Cleaned]], list[T]] | None = None,
) -> list[Cleaned] | list[T]:
    """The cleaned items of one partition of input entries, in order (mapped by `then`)."""
    out: list[Cleaned] = []
    for entry in entries:
        if isinstance(entry, Rejected):
            out.append(entry)
        else:
            out.extend(clean_inputs([entry], config, stdin))
    return then(out) if then else out


def _file_size(entry: Entry) -> int:
    """The bytes of a listed file (0 for `-`, a rejection or a file that cannot be read: the
    reader reports that one as rejected)."""
    if isinstance(entry, str) and entry != "-":
        with suppress(OSError):
            return os.path.getsize(entry)
    return 0


def _by_size(
    entries: Sequence[Entry], sizes: Sequence[int], target: int, most: int = sys.maxsize
) -> list[list[Entry]]:
    """Consecutive runs of entries holding about `target` bytes of files, or `most` entries,
    each."""
    parts: list[list[Entry]] = []
    part: list[Entry] = []
    size = 0
    for entry, n in zip(entries, sizes, strict=True):
        part.append(entry)
        size += n
        if size >= target or len(part) >= most:
            parts.append(part)
            part, size = [], 0
    if part:
        parts.append(part)
    return parts


def prepare_partition(
    articles: Sequence[Article], *, cluster: ClusterConfig
) -> list[tuple[str, tuple[Sentence, ...], Counter[str]]]:
    """(article id, sentences, clustering terms) of each article of one partition: the
    per-article work of the dedup and clustering steps, done where the partition is."""
    bags = article_bags(articles, cluster)
    return [(a.id, sentences_of(a), bag) for a, bag in zip(articles, bags, strict=True)]


def _stories(
    plan: Plan,
    by_id: Mapping[str, Article],
    config: WeaveConfig,
    engine: Engine,
    shards: Shards | None,
) -> Iterator[Story]:
    """`build_story` of every group, in partitions of groups, in group order (`story_engine`;
    with `shards`, `STORIES_PER_PARTITION` groups each, the shards' layout): partitions
    finished in `shards` by an earlier run are loaded, new ones written there."""
    copies = copies_by_canonical(plan.duplicates)
    with story_engine(engine, len(plan.groups)) as (builder, size):
        parts = chunks(plan.groups, STORIES_PER_PARTITION if shards else size)
        done = [shards.finished(part) if shards else None for part in parts]
        sources = {aid: a.source for aid, a in by_id.items()} if shards else {}
        todo = (
            StoryPartition.of(part, copies, by_id, config)
            for part, finished in zip(parts, done, strict=True) if finished is None
        )
        built = builder.map(stories_partition, todo)
        for part, finished in zip(parts, done, strict=True):
            if finished is None:
                finished = next(built)
                if shards is not None:
                    shards.write(part, finished, sources)
            yield from finished


@contextmanager
def story_engine(engine: Engine, stories: int) -> Iterator[tuple[Engine, int]]:
    """The engine that builds `stories` stories, and its partition size (in stories): on the
    local engine's pool (`pooled`) from `POOL_STORIES` stories on, in partitions of a quarter of
    a worker's share, so that unequal stories still keep every worker busy."""
    with pooled(engine, lambda _workers: stories >= POOL_STORIES) as builder:
        if builder is engine:
            yield engine, STORIES_PER_PARTITION
        else:
            yield builder, max(1, min(STORIES_PER_PARTITION, stories // (4 * builder.workers)))


@contextmanager
def pooled(engine: Engine, enough: Callable[[int], bool]) -> Iterator[Engine]:
    """A pool of one process per core (at most `POOL_WORKERS`) in place of the local engine when
    a step has `enough(workers)` work to share; `engine` itself when that is another engine,
    there is one core, or not enough work."""
    workers = min(os.cpu_count() or 1, POOL_WORKERS)
    if type(engine) is not LocalEngine or workers < 2 or not enough(workers):
        yield engine
        return
    with PoolEngine(workers) as pool:
        yield pool


@dataclass(frozen=True, slots=True)
class StoryPartition:
    """What one task needs to build the stories of `groups`: only their own articles (their
    sentences are split again where the task runs, cheaper than shipping them)."""

    groups: Sequence[Sequence[str]]
    copies: Mapping[str, Sequence[str]]
    by_id: Mapping[str, Article]
    config: WeaveConfig

    @classmethod
    def of(
        cls,
        groups: Sequence[Sequence[str]],
        copies: Mapping[str, Sequence[str]],
        by_id: Mapping[str, Article],
        config: WeaveConfig,
    ) -> StoryPartition:
        members = [m for g in groups for aid in g for m in (aid, *copies.get(aid, ()))]
        return cls(
            groups,
            {a: copies[a] for a in members if a in copies},
            {a: by_id[a] for a in members},
            config,
        )


def stories_partition(part: StoryPartition) -> list[Story]:
    """The stories of one partition of groups, in order."""
    sentences = {aid: sentences_of(a) for aid, a in part.by_id.items()}
    return [build_story(g, part.copies, part.by_id, sentences, part.config)
            for g in part.groups]


def _with_unique_ids(articles: Iterable[Article]) -> list[Article]:
    """Identical texts share a content id; later copies get `-2`, `-3`, ... in input order."""
    seen: Counter[str] = Counter()
    out = []
    for article in articles:
        seen[article.id] += 1
        n = seen[article.id]
        out.append(article if n == 1 else replace(article, id=f"{article.id}-{n}"))
    return out


def copies_by_canonical(duplicates: Iterable[Duplicate]) -> dict[str, list[str]]:
    """Canonical article id -> the ids of its duplicates, in the order given."""
    copies: dict[str, list[str]] = defaultdict(list)
    for d in duplicates:
        copies[d.duplicate_of].append(d.article_id)
    return copies


def build_story(
    group: Sequence[str],
    copies: Mapping[str, Sequence[str]],
    by_id: Mapping[str, Article],
    sentences: Mapping[str, Sequence[Sentence]],
    config: WeaveConfig,
) -> Story:
    """One story of `group` (canonical ids) and their `copies`: summary, citations, comparison."""
    members = sorted(group, key=lambda aid: _reading_order(by_id[aid]))
    duplicate_ids = tuple(c for aid in members for c in copies.get(aid, ()))
    documents = [sentences[aid] for aid in members]
    picks = summarize(
        [[s.text for s in doc] for doc in documents],
        config.budget,
        eligible=[[_summarisable(s.text) for s in doc] for doc in documents],
    )
    picked = [documents[d][i] for d, i in picks]
    everyone = [s for aid in (*members, *duplicate_ids) for s in sentences[aid]]
    matches = match_sentences(everyone, threshold=min(LOOSE, config.citation_threshold))
    carriers = carriers_index([m for m in matches if m.similarity >= config.citation_threshold])
    summary = cite(picked, carriers, by_id)
    comparison = compare_story([by_id[aid] for aid in members], sentences, matches=matches)
    dates = sorted(d for aid in (*members, *duplicate_ids) if (d := by_id[aid].published))
    return Story(
        id=story_id(members),
        article_ids=tuple(members),
        duplicate_ids=duplicate_ids,
        title=_story_title(members, summary, by_id),
        summary=summary,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        comparison=comparison,
    )


def story_id(article_ids: Iterable[str]) -> str:
    """A stable id for a set of articles."""
    digest = hashlib.sha1("|".join(sorted(article_ids)).encode()).hexdigest()
    return "s" + digest[:10]


def _reading_order(article: Article) -> datetime:
    return article.published or _LATEST


def _summarisable(text: str) -> bool:
    """Whole, plain sentences only: not fragments, not lists, not questions to the reader."""
    n = len(words(text))
    return 6 <= n <= 70 and text.rstrip("\"'”’)»").endswith((".", "!"))


def _story_title(
    members: Sequence[str], summary: Sequence, by_id: Mapping[str, Article]
) -> str:
    """The title of the article the summary cites most (ties: reading order)."""
    cited = Counter(c.article_id for s in summary for c in s.citations)
    titled = [aid for aid in members if by_id[aid].title] or list(members)
    best = max(titled, key=lambda aid: (cited[aid], -titled.index(aid)))
    return by_id[best].title


def _nothing_reason(rejected: Sequence[Rejected]) -> str:
    if not rejected:
        return "nothing to digest: no input files found"
    first = rejected[0]
    more = f" (and {len(rejected) - 1} more rejected)" if len(rejected) > 1 else ""
    return f"nothing to digest: {first.path}: {first.reason}{more}"
