"""Shared test helpers: where ../shared is, and tiny article folders built on the fly."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"

requires_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the team's shared folder is absent ({SEEDS})"
)

# Three short articles about one fictional event, written for the tests.
HARBOUR = {
    "a.txt": (
        "Crane collapse halts work at Port Elden\n\n"
        "A container crane collapsed at Port Elden on Monday morning, injuring two dock "
        "workers and halting all loading at the northern terminal.\n\n"
        "Harbour master Lena Ostrova said the crane's boom failed during a routine lift of an "
        "empty container shortly after 9 a.m.\n\n"
        "The two injured workers were taken to Elden General Hospital with broken bones, "
        "according to the port authority.\n\n"
        "Inspectors from the national transport agency are expected to arrive on Tuesday to "
        "examine the wreckage and the crane's maintenance records."
    ),
    "b.txt": (
        "Two hurt as crane falls at Elden port\n\n"
        "Two dock workers were injured when a container crane collapsed at Port Elden on "
        "Monday, halting all loading at the northern terminal.\n\n"
        "Harbour master Lena Ostrova said the crane's boom failed during a routine lift of an "
        "empty container shortly after 9 a.m.\n\n"
        "The dock workers' union demanded that every crane of the same model be taken out of "
        "service until the cause of the failure is known.\n\n"
        "Shipping lines were told to expect delays of up to three days at the terminal."
    ),
    "c.txt": (
        "Port Elden crane failure: inspectors called in\n\n"
        "Inspectors from the national transport agency are expected to arrive on Tuesday to "
        "examine the wreckage and the crane's maintenance records.\n\n"
        "The crane, built in 2004, had passed its last safety inspection in January, a port "
        "spokesman said.\n\n"
        "The two injured workers were taken to Elden General Hospital with broken bones, "
        "according to the port authority.\n\n"
        "The operator of the terminal, Baltic Quay Services, said it would cooperate fully "
        "with the inquiry and had grounded its three other cranes of the same type.\n\n"
        "A similar crane failed at the port of Varsholm in 2019, killing one worker, and led "
        "to new rules on the inspection of crane booms."
    ),
}


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (name -> text or bytes) into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


# The harbour story again, its titles, texts, outlets and URLs carrying script payloads, in the
# three kinds of input that hold them differently (plain text, JSON record, HTML page).
SCRIPT_TAG = "<script>window.__xss=1</script>"
IMG_TAG = '<img src=x onerror="window.__xss=1">'
JS_URL = "javascript:window.__xss=1"
ENTITIES = "&lt;script&gt;window.__xss=1&lt;/script&gt;"


def _body(name: str) -> list[str]:
    return HARBOUR[name].split("\n\n")[1:]


def hostile_files() -> dict[str, str]:
    """Three inputs of one story whose every field carries a payload."""
    a_title, *_ = HARBOUR["a.txt"].split("\n\n")
    a_body = [*_body("a.txt"), f"Dock workers outside the gate held signs reading {ENTITIES} "
                               f"and {IMG_TAG} all afternoon."]
    plain = "\n".join([
        f"{a_title} {SCRIPT_TAG}", f"Source: Port Gazette {IMG_TAG}", f"URL: {JS_URL}", "",
        "\n\n".join(a_body),
    ])
    b_body = _body("b.txt")
    b_body[0] = f"{b_body[0]} {SCRIPT_TAG}"
    record = {
        "title": f"Two hurt as crane falls at Elden port {IMG_TAG}",
        "source": f"Dock Daily {SCRIPT_TAG}",
        "url": " JaVa\tScRiPt:window.__xss=1",
        "text": "\n\n".join(b_body),
    }
    c_paragraphs = "".join(f"<p>{p}</p>" for p in _body("c.txt"))
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>Port Elden crane failure &lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;"
        "</title>"
        f'<link rel="canonical" href="{JS_URL}"><meta property="og:site_name" '
        f'content="Harbour &lt;b&gt;Wire&lt;/b&gt;"></head><body><article>'
        f"<h1>Port Elden crane failure {ENTITIES}</h1>{c_paragraphs}"
        f"<p>Officials quoted the note {ENTITIES} in their statement to reporters.</p>"
        "</article></body></html>"
    )
    import json

    return {"a.txt": plain, "b.json": json.dumps(record), "c.html": page}


def make_stories(folder: Path, n: int, stories: int, seed: int = 5) -> None:
    """`n` dated articles about `stories` events, each in its own words (few duplicates)."""
    rng = random.Random(seed)
    folder.mkdir()
    syllables = ["ka", "lo", "ver", "min", "dra", "sel", "tor", "ben", "ha", "rus", "el", "mon"]
    vocab = ["".join(rng.sample(syllables, 3)) for _ in range(400)]
    for i in range(n):
        k = i % stories
        name = f"{vocab[2 * k].title()} {vocab[2 * k + 1].title()}"
        body = " ".join(f"{name} said the {' '.join(rng.sample(vocab, 9))} was over."
                        for _ in range(4))
        (folder / f"{i:04d}.txt").write_text(
            f"{name} speaks\nDate: {date(2026, 1, 1) + timedelta(days=10 * k)}\n\n{body}",
            encoding="utf-8")
