"""Benchmark: `letters serve` under concurrent load, next to the in-process floor; peak memory (issue 7).

    .venv/bin/python bench/latency.py                             # ≥ 100,000 passages, 1/4/8 clients, 20 s
    .venv/bin/python bench/latency.py --passages 300 --clients 1 --seconds 2    # a smoke run

The index is built once with the real `letters index` (peak RSS measured) from SciFact abstracts
written as letters are (a title line, paragraphs of 3-5 sentences; bench/letters_text.py); when that
is not enough passages, the same sentences grouped differently follow (new text, so new vectors).
It is kept in bench/.work/ and reused while it
is big enough. Then `letters serve` (no users: single-user local mode) on a free loopback port is
loaded by N client threads for a bounded time on `GET /api/search` and `POST /api/ask`.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import ENV, LETTERS, WORK, load_scifact, machine, percentiles, replace_block, timed_index
from bench.letters_text import write_letters
from index import vectors
from index.embedding.base import Embedder
from index.embedding.factory import load_embedder
from index.generation import Generation, current_folder, open_current
from index.keyword.base import query_words
from index.records import SearchFilters
from index.search import _fuse
from index.settings import Settings


def write_corpus(folder: Path, passages: int) -> int:
    """Letters as written (a title, paragraphs of 3-5 sentences) until `passages` paragraphs exist."""
    return write_letters(folder, passages)


# Each letter's title line is a passage too (~27% of them at 3-5 sentences a paragraph).
BODY_SHARE = 0.75


def build_index(work: Path, passages: int) -> tuple[int, list[dict[str, Any]]]:
    """(passages in the index, its `letters index` runs); reused when big enough, topped up if short.

    Each run records passages, seconds and peak RSS (MB). A short index is topped up the way an admin
    would: more letters in the corpus, then an incremental `letters index`.
    """
    data_dir = work / "data"
    stamp = work / "built.json"
    runs: list[dict[str, Any]] = []
    if current_folder(data_dir) is not None and stamp.exists():
        runs = json.loads(stamp.read_text())["runs"]
        if runs[-1]["passages"] >= passages:
            return runs[-1]["passages"], runs
    write_corpus(work / "corpus", int(passages * BODY_SHARE))
    seconds, report = timed_index(work / "corpus", data_dir, *([] if runs else ["--rebuild"]))
    # ru_maxrss of waited-for children is the largest of them: this script's one index run (its
    # parse workers are smaller). Kilobytes on Linux.
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    count = int(report["passages"])
    runs.append({"passages": count, "seconds": seconds, "rss_mb": rss_mb, "from_scratch": not runs})
    stamp.write_text(json.dumps({"runs": runs}))
    return count, runs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the high-water mark of the process's resident memory so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def request(conn: http.client.HTTPConnection, endpoint: str, query: str) -> int:
    if endpoint == "search":
        conn.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query}))
    else:
        body = json.dumps({"question": query})
        conn.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status


def client(port: int, endpoint: str, queries: list[str], until: float, offset: int, load: Load) -> None:
    """One user sending requests back to back (keep-alive) until the deadline."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = offset
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            ok = request(conn, endpoint, queries[i % len(queries)]) == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        elapsed = time.perf_counter() - started
        if ok:
            load.latencies.append(elapsed)
        else:
            load.errors += 1
        i += 7
    conn.close()


def run_load(port: int, endpoint: str, queries: list[str], clients: int, seconds: float) -> Load:
    load = Load()  # list.append and += on an int are safe enough under the GIL for counting
    until = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=client, args=(port, endpoint, queries, until, n, load))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**ENV, "LETTERS_USERS_FILE": str(data_dir.parent / "no-users.db")}
    server = subprocess.Popen(
        [str(LETTERS), "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if request(conn, "search", "warm up") == 200:
                return server, port
        except OSError as exc:
            if server.poll() is not None:
                stderr = server.stderr.read().decode() if server.stderr else ""
                raise SystemExit(f"letters serve exited: {stderr}") from exc
            time.sleep(0.5)
    server.kill()
    raise SystemExit("letters serve did not answer within 180 s")


def floor(data_dir: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    """In-process query encode + FAISS search, and FAISS search alone, per query (seconds)."""
    settings = Settings(data_dir=data_dir)
    model = load_embedder(settings)
    generation = open_current(data_dir)
    whole, faiss_only = [], []
    model.embed_queries(["warm up"])
    for query in queries:
        started = time.perf_counter()
        vector = model.embed_queries([query])[0]
        middle = time.perf_counter()
        vectors.nearest(generation.vectors, vector, settings.candidates)
        ended = time.perf_counter()
        whole.append(ended - started)
        faiss_only.append(ended - middle)
    return whole, faiss_only


STAGES = ("encode", "keyword", "vectors", "fusion + fetch", "search JSON", "evidence (ask)", "ask JSON")


def stage_times(
    data_dir: Path, queries: list[str], threads: int, embedder: Embedder | None = None
) -> dict[str, list[float]]:
    """Seconds per stage per query, in-process, with `threads` threads asking at once (as the server does).

    Search is timed stage by stage as index.search.search runs it; "evidence (ask)" is the rest of
    `Assistant.ask` once its search is done, JSON the records as every interface renders them.
    """
    from assistant.assistant import Assistant  # bench may import every layer; only this needs it
    from index.records import SearchResult, to_json

    settings = Settings(data_dir=data_dir)
    model = embedder or load_embedder(settings)
    generation = open_current(data_dir)
    assistant = Assistant(settings, model)
    out: dict[str, list[float]] = {stage: [] for stage in STAGES}
    lock = threading.Lock()

    def one(query: str) -> None:
        t = [time.perf_counter()]
        vector = model.embed_queries([query])[0]
        t.append(time.perf_counter())
        keyword = generation.keywords.search(query_words(query), SearchFilters(), settings.candidates)
        t.append(time.perf_counter())
        dense = vectors.nearest(generation.vectors, vector, settings.candidates)
        t.append(time.perf_counter())
        hits = _search_rest(generation, {"keyword": keyword, "dense": dense}, settings)
        t.append(time.perf_counter())
        json.dumps(to_json(SearchResult(query=query, hits=tuple(hits), generation=generation.name)))
        t.append(time.perf_counter())
        started = time.perf_counter()
        answer = assistant.ask(generation, query)
        asked = time.perf_counter() - started
        t.append(time.perf_counter())
        json.dumps(to_json(answer))
        t.append(time.perf_counter())
        laps = [b - a for a, b in itertools.pairwise(t)]
        # The ask's own search repeats the first four stages: what is left is evidence and answer.
        laps[5] = max(0.0, asked - sum(laps[:4]))
        with lock:
            for stage, lap in zip(STAGES, laps, strict=True):
                out[stage].append(lap)

    def worker(offset: int) -> None:
        for query in queries[offset::threads]:
            one(query)

    model.embed_queries(["warm up"])
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return out


def _search_rest(
    generation: Generation, results: dict[str, list[tuple[int, float]]], settings: Settings
) -> list[Any]:
    """Fusion and fetching the hits, as index.search.search does after its two retrievers."""
    from index.records import Hit

    scores = _fuse(results, settings.fusion, settings.rrf_k, settings.fusion_alpha)
    best = sorted(scores, key=lambda pid: (-scores[pid], pid))[:10]
    found = generation.store.passages(best)
    return [
        Hit(passage=found[p][0], letter=found[p][1], score=scores[p], ranks={}) for p in best if p in found
    ]


def render_stages(stages: dict[int, dict[str, list[float]]]) -> list[str]:
    """A table: mean ms per stage at each thread count, and its share of a search / an ask."""
    counts = sorted(stages)
    lines = [
        "| stage (in-process) | " + " | ".join(f"ms, {n} thread{'s' * (n > 1)}" for n in counts) + " |",
        "|---|" + "---|" * len(counts),
    ]
    for stage in STAGES:
        cells = [f"{1000 * sum(stages[n][stage]) / max(1, len(stages[n][stage])):.1f}" for n in counts]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return lines


def encode_threads(
    queries: list[str],
    settings: Settings,
    choices: tuple[int, ...] = (0, 1, 2),
    clients: tuple[int, ...] = (1, 8),
) -> list[str]:
    """Rows: ONNX Runtime threads per query (0: its default pool, spinning) → encode ms p50/p95 at each
    client count, every client a thread embedding one query after another, as the server's are."""
    from index.embedding.base import resolve_model
    from index.embedding.onnx import OnnxEmbedder, model_folder

    folder = model_folder(resolve_model(settings.model))
    rows = []
    for threads in choices:
        model = OnnxEmbedder(
            settings.model,
            folder,
            settings.model_cache_dir,
            query_threads=threads,
            query_precision=settings.query_precision,
        )
        model.embed_queries(["warm up"])
        cells = []
        for n in clients:
            times: list[float] = []

            def worker(
                offset: int, n: int = n, times: list[float] = times, model: OnnxEmbedder = model
            ) -> None:
                for query in queries[offset::n]:
                    started = time.perf_counter()
                    model.embed_queries([query])
                    times.append(time.perf_counter() - started)

            pool = [threading.Thread(target=worker, args=(k,)) for k in range(n)]
            started = time.perf_counter()
            for thread in pool:
                thread.start()
            for thread in pool:
                thread.join()
            per_second = len(queries) / (time.perf_counter() - started)
            p50, p95, _ = percentiles(times)
            cells.append(f"{p50:.1f} / {p95:.1f} | {per_second:.0f}")
        label = "ONNX Runtime default (every core, spinning)" if threads == 0 else f"{threads}, no spinning"
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return rows


def hnsw_alternative(data_dir: Path, queries: list[str]) -> tuple[list[float], float, float]:
    """An approximate index (HNSW) over the same vectors: per-query seconds, build seconds, recall.

    Recall is the share of the flat index's passages (top `candidates`) that HNSW also returns;
    it is what choosing HNSW would cost if the flat index were the bottleneck.
    """
    import faiss
    import numpy as np

    settings = Settings(data_dir=data_dir)
    generation = open_current(data_dir)
    flat = generation.vectors
    inner = faiss.downcast_index(flat.index)
    base = inner.reconstruct_n(0, inner.ntotal)  # float32 or float16 flat alike
    ids = faiss.vector_to_array(flat.id_map)
    started = time.perf_counter()
    hnsw = faiss.IndexIDMap(faiss.IndexHNSWFlat(inner.d, 32, faiss.METRIC_INNER_PRODUCT))
    hnsw.add_with_ids(np.ascontiguousarray(base), ids)
    build_seconds = time.perf_counter() - started
    faiss.downcast_index(hnsw.index).hnsw.efSearch = 128
    model = load_embedder(settings)
    timings, recalls = [], []
    for query in queries:
        vector = model.embed_queries([query])[0]
        exact = {pid for pid, _ in vectors.nearest(flat, vector, settings.candidates)}
        started = time.perf_counter()
        found = {pid for pid, _ in vectors.nearest(hnsw, vector, settings.candidates)}
        timings.append(time.perf_counter() - started)
        recalls.append(len(exact & found) / max(1, len(exact)))
    return timings, build_seconds, float(np.mean(recalls))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--passages", type=int, default=100_000, help="Passages in the index (default 100,000)."
    )
    parser.add_argument("--clients", default="1,4,8", help="Concurrent clients, comma-separated.")
    parser.add_argument(
        "--seconds", type=float, default=20.0, help="Load time per endpoint and client count."
    )
    parser.add_argument(
        "--queries", type=int, default=300, help="SciFact test queries used (default all 300)."
    )
    parser.add_argument("--work", type=Path, default=WORK / "latency", help="Folder for letters and index.")
    parser.add_argument("--stage-queries", type=int, default=100, help="Queries timed stage by stage.")
    parser.add_argument("--write", action="store_true", help="Rewrite the latency tables in BENCHMARKS.md.")
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    passages, runs = build_index(args.work, args.passages)
    data = load_scifact()
    queries = [data.queries[q] for q in data.qrels["test"]][: args.queries]
    data_dir = args.work / "data"

    whole, faiss_only = floor(data_dir, queries)
    hnsw, hnsw_build, hnsw_recall = hnsw_alternative(data_dir, queries)
    rows = [
        ("floor: encode + FAISS (in-process)", 1, whole, 0),
        ("FAISS flat (exact) search alone", 1, faiss_only, 0),
        ("FAISS HNSW (M 32, efSearch 128) search alone", 1, hnsw, 0),
    ]
    stages = {n: stage_times(data_dir, queries[: args.stage_queries], n) for n in (1, 8)}
    server, port = start_server(data_dir)
    try:
        for endpoint in ("search", "ask"):
            for clients in (int(c) for c in args.clients.split(",")):
                load = run_load(port, endpoint, queries, clients, args.seconds)
                label = "GET /api/search" if endpoint == "search" else "POST /api/ask"
                rows.append((label, clients, load.latencies, load.errors))
        serve_rss = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    lines = [
        f"Run: {machine()}, {passages:,} passages, {args.seconds:.0f} s per row.",
        "",
        "| what | clients | requests | p50 ms | p95 ms | p99 ms | errors | p95 / floor p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    floor_p95 = percentiles(whole)[1]
    for label, clients, samples, errors in rows:
        p50, p95, p99 = percentiles(samples)
        lines.append(
            f"| {label} | {clients} | {len(samples):,} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {errors} | "
            f"{p95 / floor_p95:.2f} |"
        )
    lines += [
        "",
        f"HNSW instead of the flat index: built in {hnsw_build:.0f} s, and finds {hnsw_recall:.3f} of the "
        f"flat index's top {Settings().candidates} passages (recall against exact search).",
    ]
    lines += ["", *render_stages(stages)]
    lines += [
        "",
        "| peak RSS | MB |",
        "|---|---|",
        *(
            f"| `letters index` ({'from scratch' if run['from_scratch'] else 'incremental top-up'}: "
            f"{run['passages']:,} passages in the index after {run['seconds']:.0f} s) | {run['rss_mb']:.0f} |"
            for run in runs
        ),
        f"| `letters serve` (after the load above) | {serve_rss:.0f} |",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        replace_block("latency", text)
    return 0 if all(errors == 0 for *_, errors in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
