"""Shared test helpers: where ../shared is, and tiny article folders built on the fly."""

from __future__ import annotations

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
