"""What the issue-7 benchmark scripts share: the SciFact data, the work folder, BENCHMARKS.md blocks."""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SCIFACT = ROOT.parent / "shared" / "data" / "beir-scifact"
WORK = ROOT / "bench" / ".work"  # git-ignored; big indexes are kept here between runs
BENCHMARKS = ROOT / "BENCHMARKS.md"


@dataclass(frozen=True)
class Doc:
    id: str
    title: str
    text: str


@dataclass
class SciFact:
    docs: list[Doc]
    queries: dict[str, str]
    qrels: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # split → query → doc → grade


def load_scifact(folder: Path = SCIFACT) -> SciFact:
    """The BEIR layout: corpus.jsonl.gz, queries.jsonl, qrels/{train,test}.tsv (see its SOURCE.md)."""
    with gzip.open(folder / "corpus.jsonl.gz", "rt", encoding="utf-8") as fh:
        docs = [Doc(str(d["_id"]), d["title"], d["text"]) for d in map(json.loads, fh)]
    with open(folder / "queries.jsonl", encoding="utf-8") as fh:
        queries = {str(q["_id"]): q["text"] for q in map(json.loads, fh)}
    data = SciFact(docs, queries)
    for split in ("train", "test"):
        grades: dict[str, dict[str, int]] = {}
        lines = (folder / "qrels" / f"{split}.tsv").read_text(encoding="utf-8").splitlines()[1:]
        for line in lines:
            qid, did, grade = line.split("\t")
            grades.setdefault(qid, {})[did] = int(grade)
        data.qrels[split] = grades
    return data


def subset(data: SciFact, queries: int) -> SciFact:
    """The first `queries` queries of each split and only the documents they judge: a smoke corpus."""
    qrels = {split: dict(list(grades.items())[:queries]) for split, grades in data.qrels.items()}
    wanted = {d for grades in qrels.values() for judged in grades.values() for d in judged}
    docs = [d for d in data.docs if d.id in wanted]
    # A few unjudged documents too, so ranking has something to get wrong.
    docs += [d for d in data.docs if d.id not in wanted][: max(50 - len(docs), 10)]
    return SciFact(docs, data.queries, qrels)


def write_letters(docs: Sequence[Doc], folder: Path) -> Path:
    """Each abstract as a letter `{id}.txt`: `title. text` as one paragraph (BEIR's title + text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        title = doc.title.strip().rstrip(".")
        (folder / f"{doc.id}.txt").write_text(f"{title}. {doc.text.strip()}\n", encoding="utf-8")
    return folder


LETTERS = Path(sys.executable).with_name("letters")
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def timed_index(
    corpus: Path, data_dir: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[float, dict[str, Any]]:
    """Wall time and JSON report of one real `letters index` run in a subprocess (`env`: settings)."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(LETTERS), "index", str(corpus), "--data-dir", str(data_dir), "--json", *extra],
        capture_output=True,
        text=True,
        env={**ENV, **(env or {})},
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"letters index failed ({done.returncode}): {done.stderr}")
    report: dict[str, Any] = json.loads(done.stdout)
    return seconds, report


def machine() -> str:
    return f"{platform.node() or '?'} ({os.cpu_count()} cores)"


def percentiles(samples: Sequence[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in milliseconds of latencies in seconds (NaN when there are none)."""
    if not samples:
        return float("nan"), float("nan"), float("nan")
    p50, p95, p99 = np.percentile(np.asarray(samples) * 1000, [50, 95, 99])
    return float(p50), float(p95), float(p99)


def replace_block(name: str, body: str, path: Path = BENCHMARKS) -> None:
    """Rewrite the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` (appended if absent)."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
