"""SciFact abstracts written as letters are written: a title line, then paragraphs of several sentences.

Shared by the latency and scale benchmarks. One pass over the 5,183 abstracts gives about 12,000
passages; more passes group the same sentences differently (2 to 5 a paragraph, shifted), so every
paragraph's text is new and is embedded and indexed as a passage of its own.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from bench.common import load_scifact

SENTENCE = re.compile(r"(?<=[.!?]) (?=[A-Z])")


def paragraphs(sentences: list[str], size: int, shift: int) -> list[str]:
    """`sentences` in runs of `size`, the first run `shift` sentences short (never one sentence alone)."""
    cuts = [0, *range(shift or size, len(sentences), size), len(sentences)]
    runs = [" ".join(sentences[a:b]) for a, b in itertools.pairwise(cuts) if b > a]
    if len(runs) > 1 and len(SENTENCE.split(runs[-1])) == 1:
        runs[-2:] = [runs[-2] + " " + runs[-1]]
    return runs


def letters(passages: int) -> Iterator[tuple[str, str, list[str]]]:
    """(file name, title, body paragraphs) of letters until `passages` body paragraphs are given."""
    data = load_scifact()
    abstracts = [(d.title.strip().rstrip("."), SENTENCE.split(d.text.strip())) for d in data.docs]
    given, layout = 0, 0
    while given < passages:
        size, shift = 3 + layout % 3, layout // 3  # 3, 4, 5 sentences a paragraph, then shifted
        for number, (title, sentences) in enumerate(abstracts):
            body = paragraphs(sentences, size, shift % size)[: passages - given]
            if not body:
                break
            yield f"l{layout}-{number:05d}.txt", title, body
            given += len(body)
        layout += 1


def write_letters(folder: Path, passages: int) -> int:
    """Letters until about `passages` body paragraphs are written; returns how many were."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    written = 0
    for name, title, body in letters(passages):
        (folder / name).write_text(f"{title}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        written += len(body)
    return written
