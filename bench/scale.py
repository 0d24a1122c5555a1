"""Benchmark: the scale curve of `letters serve` at 10k, 100k and 1M passages, 1/4/8 clients (issue 14).

    .venv/bin/python -m bench.scale --write                        # 10k, 100k, 1m; 20 s a row
    .venv/bin/python -m bench.scale --points 300,syn2000 --seconds 2 --clients 1 \
        --vectors-from bench/.work/scale/300/data                  # a smoke run (real 300, synthetic 2,000)

How each point's index is made (say so wherever its numbers are quoted):
- 10k: SciFact abstracts written as letters (title line, paragraphs of 3-5 sentences;
  bench/letters_text.py), indexed by the real `letters index` with the bundled model.
- 100k: the same letters, more groupings of the same sentences, indexed by the real pipeline
  (`ingest.pipeline.index_corpus` in a child process) with vectors from the hashing stand-in
  (`HashEmbedder(dimension=384)`) instead of the model: embedding 100k passages takes ~35 min of
  both cores here. Queries are still embedded by the real model in `letters serve`; quote units are
  stored (hashed vectors too), so an ask embeds only its question, as in use.
- 1m: synthetic, written straight into a generation by this script (`--synthetic`): each letter 10
  paragraphs of 3-5 SciFact sentences drawn at random (seeded), each vector a mix of two real
  vectors of the 10k point plus noise (v_i + 0.5 v_j + 0.25 N(0, 1/d), normalised), then published by
  `index.generation.Builder` (keywords, FAISS index as configured). Each paragraph's sentences are
  stored as its quote units (`index.units.cut`), with vectors mixed the same way around the
  paragraph's, so an ask embeds only its question, as on an index `letters index` built.
`--encode-threads` adds the ONNX Runtime threads-per-query table; `--lists-sweep POINT:N1,N2` trains
IVF indexes of √n, 2√n and 4√n lists (2√n also with float16 codes) over the first N stored vectors
of POINT and reports the recall of the exact top 100 at each probe count. `--real-sweep N1,N2` runs
that sweep over real vectors: up to max(N) distinct texts (every Enron paragraph of the five
mailboxes, then SciFact sentences, then Enron sentences) embedded by the model once (~13 min for
100,000; cached under WORK/real), shuffled, queried by the SciFact claims and the Enron dev questions
embedded as `letters serve` embeds them. It is how `index/vectors.py`'s lists and probes were chosen.
Peak RSS is `ru_maxrss` of the indexing child (for 100k and 1m that child is this script's, without
the model's ~200 MB), and `VmHWM` of `letters serve` after the load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import ENV, LETTERS, WORK, load_scifact, machine, percentiles, replace_block
from bench.latency import encode_threads, peak_rss_mb, render_stages, run_load, stage_times, start_server
from bench.letters_text import SENTENCE, write_letters
from index.embedding.fake import HashEmbedder
from index.generation import Builder, IndexLock, current_folder
from index.records import Letter, Party
from index.settings import Settings
from index.store import NewPassage, Store, text_hash
from index.units import cut

ENRON_DEV = Path(__file__).resolve().parents[1] / "tests" / "gold" / "enron-dev.jsonl"
POINTS = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
BODY_SHARE = 0.73  # each letter's title line is a passage too: ~27% of passages at 3-5 sentences a paragraph


def how(name: str, target: int) -> str:
    """How the point's index is made: real model, hashed vectors, or synthetic (see the docstring)."""
    if name == "1m" or name.startswith("syn"):
        return "synthetic"
    return "real text, real model" if name == "10k" or target < 1000 else "real text, hashed vectors"


def wait_rss(proc: subprocess.Popen[str]) -> tuple[int, float]:
    """Wait for a child; (exit status, its peak RSS in MB)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024


def build(name: str, target: int, folder: Path, env: dict[str, str], vectors_from: Path) -> dict[str, Any]:
    """The point's index (reused when built before): passages, seconds, peak RSS of the build."""
    stamp = folder / "built.json"
    if stamp.exists() and current_folder(folder / "data") is not None:
        built: dict[str, Any] = json.loads(stamp.read_text())
        return built
    data_dir, corpus = folder / "data", folder / "corpus"
    kind = how(name, target)
    if kind == "synthetic":
        command = [sys.executable, "-m", "bench.scale", "--synthetic", str(target), str(data_dir)]
        command += ["--vectors-from", str(vectors_from)]
    else:
        write_letters(corpus, int(target * BODY_SHARE))
        if kind == "real text, real model":
            command = [str(LETTERS), "index", str(corpus), "--data-dir", str(data_dir), "--json", "--rebuild"]
        else:
            command = [sys.executable, "-m", "bench.scale", "--hashed", str(corpus), str(data_dir)]
    started = time.perf_counter()
    log = folder / "build.log"
    with open(log, "w") as sink:
        proc = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT, text=True)
        code, rss = wait_rss(proc)
    if code != 0:
        raise SystemExit(f"building the {name} point failed ({code}); see {log}")
    seconds = time.perf_counter() - started
    generation = current_folder(data_dir)
    assert generation is not None
    manifest = json.loads((generation / "manifest.json").read_text())
    built = {"passages": manifest["passages"], "seconds": seconds, "rss_mb": rss, "how": kind}
    stamp.write_text(json.dumps(built))
    return built


def disk_mb(folder: Path) -> dict[str, float]:
    """Size on disk of a generation's parts (MB)."""
    sizes: dict[str, float] = {}
    for path in folder.iterdir():
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        sizes[path.name] = sum(p.stat().st_size for p in files) / 1e6
    return sizes


def hashed_index(corpus: Path, data_dir: Path) -> None:
    """The real pipeline with the hashing stand-in's 384-dimension vectors under the bundled model's name."""
    from ingest.pipeline import index_corpus  # the child process only

    settings = Settings(data_dir=data_dir, corpus_dir=corpus)
    stand_in = HashEmbedder(name=settings.model, dimension=384)
    index_corpus(settings, corpus, embedder=lambda: stand_in, rebuild=True)


def synthetic_index(passages: int, data_dir: Path, vectors_from: Path, seed: int = 14) -> None:
    """`passages` synthetic paragraphs and vectors written straight into a new generation (see above)."""
    rng = random.Random(seed)
    sentences = [s for d in load_scifact().docs for s in SENTENCE.split(d.text.strip()) if len(s) > 20]
    titles = [d.title.strip().rstrip(".") for d in load_scifact().docs]
    real = real_vectors(vectors_from)
    noise = np.random.default_rng(seed)
    settings = Settings(data_dir=data_dir)
    with IndexLock(data_dir, wait=0):
        builder = Builder(settings, fresh=True)
        store, number = builder.store, 0
        while number * 10 < passages:
            paragraphs = [" ".join(rng.sample(sentences, rng.randint(3, 5))) for _ in range(10)]
            write_synthetic(store, number, rng.choice(titles), paragraphs, real, noise)
            number += 1
            if number % 5000 == 0:
                store.db.commit()
        builder.publish(
            model=settings.model,
            dimension=real.shape[1],
            passage_settings=settings.passage_settings(),
            keep=1,
            corpus_dir=data_dir,
        )


def real_vectors(data_dir: Path) -> np.ndarray:
    """The model's vectors of a real point (10k, built first), the material of the synthetic ones."""
    folder = current_folder(data_dir)
    if folder is None:
        raise SystemExit(f"synthetic points mix the real vectors of {data_dir}: build that point (10k) first")
    with Store(folder / "letters.db", readonly=True) as store:
        rows = store.db.execute("SELECT vector FROM embeddings").fetchall()
    return np.vstack([np.frombuffer(r[0], dtype=np.float32) for r in rows])


def write_synthetic(
    store: Store, number: int, title: str, paragraphs: list[str], real: np.ndarray, noise: np.random.Generator
) -> None:
    text, spans = "", []
    for paragraph in paragraphs:
        spans.append((len(text), len(text) + len(paragraph)))
        text += paragraph + "\n\n"
    letter = Letter(
        id=f"s{number:07d}",
        path=f"synthetic/{number:07d}.txt",
        sha256=text_hash(text),
        title=title,
        date=f"{2000 + number % 25}-{1 + number % 12:02d}-{1 + number % 28:02d}",
        date_kind=None,
        sender=Party(display=f"Office {number % 97}"),
        recipient=Party(display=f"Council {number % 31}"),
        marking=None,
        references=(),
    )
    hashes = [text_hash(p) for p in paragraphs]
    # Each paragraph's sentences are its quote units, stored with vectors as `letters index` stores
    # them, so an ask embeds only its question here too.
    units = [
        tuple((us, ue, text_hash(" ".join(text[us:ue].split()))) for us, ue in cut(text, "body", start, end))
        for start, end in spans
    ]
    store.add_letter(
        letter,
        text,
        [
            NewPassage("body", i + 1, 1, start, end, False, (h,), units=u)
            for i, ((start, end), h, u) in enumerate(zip(spans, hashes, units, strict=True))
        ],
    )
    paragraph_vectors = mix(real[noise.integers(0, len(real), len(paragraphs))], real, noise)
    store.add_embeddings(zip(hashes, paragraph_vectors, strict=True))
    # A unit's vector is near its paragraph's, as a sentence's is near the paragraph holding it.
    unit_hashes = [h for u in units for _, _, h in u]
    around = np.repeat(paragraph_vectors, [len(u) for u in units], axis=0)
    store.add_embeddings(zip(unit_hashes, mix(around, real, noise), strict=True))


def mix(base: np.ndarray, real: np.ndarray, noise: np.random.Generator) -> np.ndarray:
    """base + 0.5 × a random real vector + 0.25 N(0, 1/d), each row normalised."""
    dim = real.shape[1]
    mixed = (
        base
        + 0.5 * real[noise.integers(0, len(real), len(base))]
        + 0.25 * noise.standard_normal((len(base), dim)).astype(np.float32) / np.sqrt(dim)
    )
    return mixed / np.linalg.norm(mixed, axis=1, keepdims=True)


PROBES = (16, 32, 48, 64, 96, 128, 192)


def ivf_recall(data_dir: Path, queries: list[str]) -> list[str]:
    """Rows: probes → share of the exact top 100 passages the IVF index finds, and ms per search.

    Exact is a flat index over the same stored vectors, built here; queries are embedded by the model.
    """
    import faiss

    from index import vectors
    from index.embedding.factory import load_embedder
    from index.generation import open_current

    generation = open_current(data_dir)
    settings = Settings(data_dir=data_dir)
    exact = faiss.IndexIDMap(faiss.IndexFlatIP(generation.manifest.dimension))
    for ids, batch in generation.store.chunk_vectors():
        exact.add_with_ids(batch, ids)
    model = load_embedder(settings)
    query_vectors = model.embed(queries)
    truth = [{p for p, _ in vectors.nearest(exact, q, settings.candidates)} for q in query_vectors]
    del exact
    rows = []
    ivf = generation.vectors
    for probes in sorted({*PROBES, generation.manifest.vector_probes}):  # and the generation's own
        ivf.nprobe = probes
        started = time.perf_counter()
        found = [{p for p, _ in vectors.nearest(ivf, q, settings.candidates)} for q in query_vectors]
        ms = (time.perf_counter() - started) * 1000 / len(queries)
        recall = float(np.mean([len(a & b) / max(1, len(a)) for a, b in zip(truth, found, strict=True)]))
        rows.append(f"| {probes} of {ivf.nlist} | {recall:.3f} | {ms:.1f} |")
    return rows


def stored_vectors(data_dir: Path, limit: int | None = None) -> np.ndarray:
    """The first `limit` stored vectors of the point's generation (all of them without a limit)."""
    from index.generation import open_current

    parts, held = [], 0
    for _, batch in open_current(data_dir).store.chunk_vectors():
        parts.append(batch)
        held += len(batch)
        if limit is not None and held >= limit:
            break
    return np.ascontiguousarray(np.vstack(parts)[:limit])


def lists_sweep(data_dir: Path, queries: list[str], sizes: list[int]) -> list[str]:
    """The sweep below over the first stored vectors of a point, queries embedded by the model."""
    from index.embedding.factory import load_embedder

    query_vectors = load_embedder(Settings(data_dir=data_dir)).embed(queries)
    return sweep_vectors(stored_vectors(data_dir, max(sizes)), query_vectors, sizes)


def sweep_vectors(everything: np.ndarray, query_vectors: np.ndarray, sizes: list[int]) -> list[str]:
    """Rows: vectors, IVF lists (√n, 2√n, 4√n), probes → recall of the exact top 100, ms a search.

    Each IVF index is trained here (40 points a list, as `index.vectors` does) over the first `size`
    vectors; exact is a flat index over the same vectors; one OpenMP thread, as the server.
    """
    import faiss

    from index import vectors

    rows = []
    for size in sizes:
        base = np.ascontiguousarray(everything[:size])
        faiss.omp_set_num_threads(2)
        flat = faiss.IndexFlatIP(base.shape[1])
        flat.add(base)
        _, truth = flat.search(query_vectors, 100)
        faiss.omp_set_num_threads(1)
        started = time.perf_counter()
        for q in query_vectors:
            flat.search(q.reshape(1, -1), 400)
        flat_ms = (time.perf_counter() - started) * 1000 / len(query_vectors)
        rows.append(f"| {size:,} | flat (exact) | — | 1.000 | {flat_ms:.1f} | — |")
        del flat
        root = int(np.sqrt(size))
        sized = sorted({min(m * root, size // 39) for m in (1, 2, 4)})
        # Each list count with float32 codes, and 2√n also with float16 (as index.vectors builds).
        for lists, codes in [*((n, "float32") for n in sized), (sized[len(sized) // 2], "float16")]:
            faiss.omp_set_num_threads(2)
            ivf = (
                vectors.ivf_index(base.shape[1], lists)
                if codes == "float16"
                else faiss.IndexIVFFlat(
                    faiss.IndexFlatIP(base.shape[1]), base.shape[1], lists, faiss.METRIC_INNER_PRODUCT
                )
            )
            label = f"{lists:,}" + (" float16" if codes == "float16" else "")
            started = time.perf_counter()
            ivf.train(np.ascontiguousarray(base[:: max(1, size // (lists * 40))]))
            ivf.add(base)
            built = time.perf_counter() - started
            faiss.omp_set_num_threads(1)
            # The probe counts of the table, and the default for these lists.
            for probes in sorted({p for p in PROBES if p < lists} | {vectors.probes_for(lists)}):
                ivf.nprobe = probes
                started = time.perf_counter()
                found = [ivf.search(q.reshape(1, -1), 400)[1][0] for q in query_vectors]
                ms = (time.perf_counter() - started) * 1000 / len(query_vectors)
                recall = np.mean(
                    [
                        len(set(f[:100].tolist()) & set(t.tolist())) / 100
                        for f, t in zip(found, truth, strict=True)
                    ]
                )
                rows.append(f"| {size:,} | {label} | {probes} | {recall:.3f} | {ms:.1f} | {built:.0f} |")
            del ivf
    return rows


def correspondence_texts(limit: int) -> list[str]:
    """Up to `limit` distinct real texts: every Enron paragraph, then SciFact sentences, then Enron's.

    Paragraphs are the bodies of the five mailboxes' distinct emails split at blank lines (40+
    characters); sentences fill the rest, as real correspondence mixes long and short passages.
    """
    import gzip

    from bench.enron import ENRON
    from ingest.formats.mail import split_mbox

    paragraphs: dict[str, None] = {}
    sentences: dict[str, None] = {}
    seen: set[str] = set()
    for name in sorted(ENRON.glob("*/*.mbox.gz")):
        for raw in split_mbox(gzip.decompress(name.read_bytes())):
            body = raw.partition(b"\n\n")[2].decode("utf-8", "replace")
            if (key := text_hash(body)) in seen:  # the same email filed in several folders
                continue
            seen.add(key)
            for block in body.split("\n\n"):
                text = " ".join(block.split())
                if len(text) >= 40:
                    paragraphs.setdefault(text, None)
                    for sentence in SENTENCE.split(text):
                        if len(sentence) >= 40:
                            sentences.setdefault(sentence, None)
    science = [s for d in load_scifact().docs for s in SENTENCE.split(d.text.strip()) if len(s) >= 40]
    texts = list(dict.fromkeys([*paragraphs, *science, *(s for s in sentences if s not in paragraphs)]))
    return texts[:limit]


def real_sweep(work: Path, sizes: list[int], queries: list[str]) -> list[str]:
    """The IVF sweep over real vectors: correspondence texts embedded by the model (cached in `work`)."""
    from index.embedding.factory import load_embedder

    model = load_embedder(Settings(data_dir=work))
    cache = work / f"real-vectors-{max(sizes)}.npy"
    if not cache.exists():
        texts = correspondence_texts(max(sizes))
        started = time.perf_counter()
        vectors = np.vstack([model.embed(texts[i : i + 512]) for i in range(0, len(texts), 512)])
        print(f"embedded {len(texts):,} texts in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        work.mkdir(parents=True, exist_ok=True)
        np.save(cache, vectors.astype(np.float32))
    everything = np.load(cache)
    # Shuffled (seeded) so that each size holds every kind of text, not Enron paragraphs alone.
    everything = everything[np.random.default_rng(14).permutation(len(everything))]
    # Search queries are embedded as `letters serve` embeds them (int8 by default).
    return sweep_vectors(everything, model.embed_queries(queries), [s for s in sizes if s <= len(everything)])


def measure(
    name: str, folder: Path, built: dict[str, Any], clients: list[int], seconds: float, queries: list[str]
) -> list[str]:
    """Rows of the scale table for one point: each endpoint at each client count, then RSS and disk."""
    data_dir = folder / "data"
    generation = current_folder(data_dir)
    assert generation is not None
    server, port = start_server(data_dir)
    rows = []
    try:
        for endpoint in ("search", "ask"):
            for n in clients:
                load = run_load(port, endpoint, queries, n, seconds)
                p50, p95, p99 = percentiles(load.latencies)
                label = "GET /api/search" if endpoint == "search" else "POST /api/ask"
                rows.append(
                    f"| {name} | {label} | {n} | {len(load.latencies):,} | {p50:.1f} | {p95:.1f} | "
                    f"{p99:.1f} | {load.errors} |"
                )
        serve_rss = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    sizes = disk_mb(generation)
    manifest = json.loads((generation / "manifest.json").read_text())
    built.update(serve_rss=serve_rss, disk=sizes, vector_index=manifest.get("vector_index", "flat"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--points", default="10k,100k,1m", help="Points: 10k, 100k, 1m or passage counts.")
    parser.add_argument("--clients", default="1,4,8", help="Concurrent clients, comma-separated.")
    parser.add_argument("--seconds", type=float, default=20.0, help="Load time per row.")
    parser.add_argument("--work", type=Path, default=WORK / "scale", help="Folder for the points' indexes.")
    parser.add_argument("--write", action="store_true", help="Rewrite the scale tables in BENCHMARKS.md.")
    parser.add_argument("--stage-queries", type=int, default=40, help="Queries timed stage by stage.")
    parser.add_argument("--build-only", action="store_true", help="Build (or reuse) the points, no load.")
    parser.add_argument("--hashed", nargs=2, type=Path, metavar=("CORPUS", "DATA"), help=argparse.SUPPRESS)
    parser.add_argument("--synthetic", nargs=2, metavar=("PASSAGES", "DATA"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--vectors-from", type=Path, default=None, help="Real point whose vectors synthetic ones mix (10k)."
    )
    parser.add_argument(
        "--lists-sweep",
        default="",
        help="Point whose vectors are swept over IVF lists and probes, and sizes, e.g. 1m:100000,1000000.",
    )
    parser.add_argument(
        "--real-sweep",
        default="",
        help="Sizes, e.g. 10000,100000: the IVF sweep over real correspondence vectors (Enron, SciFact).",
    )
    parser.add_argument(
        "--encode-threads", action="store_true", help="Time ONNX Runtime threads per query (0, 1, 2)."
    )
    args = parser.parse_args()
    if args.hashed:
        hashed_index(*args.hashed)
        return 0
    if args.synthetic:
        synthetic_index(int(args.synthetic[0]), Path(args.synthetic[1]), args.vectors_from)
        return 0

    data = load_scifact()
    queries = [data.queries[q] for q in data.qrels["test"]]
    clients = [int(c) for c in args.clients.split(",")]
    points = [(p, POINTS.get(p) or int(p.removeprefix("syn"))) for p in args.points.split(",") if p]
    vectors_from = args.vectors_from or args.work / "10k" / "data"
    rows, builds, recall, stages = [], {}, {}, {}
    for name, target in points:
        folder = args.work / name
        folder.mkdir(parents=True, exist_ok=True)
        builds[name] = build(name, target, folder, ENV, vectors_from)
        if args.build_only:
            print(f"{name}: {builds[name]}", file=sys.stderr, flush=True)
            continue
        load_before = os.getloadavg()[0]
        rows += measure(name, folder, builds[name], clients, args.seconds, queries)
        builds[name]["load"] = (load_before, os.getloadavg()[0])
        stages[name] = {n: stage_times(folder / "data", queries[: args.stage_queries], n) for n in (1, 8)}
        if builds[name]["vector_index"] == "ivf":
            recall[name] = ivf_recall(folder / "data", queries)
        print(f"{name}: done", file=sys.stderr, flush=True)
    if args.build_only:
        return 0
    text = render(rows, builds, args.seconds, recall, stages) if points else ""
    if args.encode_threads:
        text += "\n\n" + "\n".join(render_encode(queries, clients))
    if args.lists_sweep:
        point, sizes = args.lists_sweep.split(":")
        sweep = lists_sweep(args.work / point / "data", queries, [int(n) for n in sizes.split(",")])
        text += "\n\n" + render_sweep(point, sweep)
    if args.real_sweep:
        # Questions to the letters as well as claims: the Enron dev questions beside SciFact's.
        asked = queries + [json.loads(line)["question"] for line in ENRON_DEV.read_text().splitlines()]
        sizes = [int(n) for n in args.real_sweep.split(",")]
        text += "\n\n" + render_sweep("real", real_sweep(args.work / "real", sizes, asked))
    print(text.strip())
    if args.write:
        replace_block("scale", text)
    return 0


def render_sweep(point: str, rows: list[str]) -> str:
    head = f"| {point}: vectors | IVF lists | probes | recall of the exact top 100 | ms a search | "
    head += "train + add s |"
    return "\n".join([head, "|---|---|---|---|---|---|", *rows])


def render_encode(queries: list[str], clients: list[int]) -> list[str]:
    """The encode table: ONNX Runtime threads per query at the run's lowest and highest client count."""
    counts = (min(clients), max(clients))
    return [
        "| ONNX Runtime threads per query | "
        + " | ".join(f"ms p50 / p95, {n} client{'s' * (n > 1)} | queries/s" for n in counts)
        + " |",
        "|---|" + "---|---|" * len(counts),
        *encode_threads(queries, Settings(), clients=counts),
    ]


def render(
    rows: list[str],
    builds: dict[str, dict[str, Any]],
    seconds: float,
    recall: dict[str, list[str]],
    stages: dict[str, dict[int, dict[str, list[float]]]],
) -> str:
    lines = [
        f"Run: {machine()}, {seconds:.0f} s per row, the 300 SciFact test claims as queries.",
        "",
        "| point | endpoint | clients | requests | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "| point | made how | passages | build s | peak RSS index MB | peak RSS serve MB | FAISS | "
        "disk MB: letters.db / vectors.faiss / keywords | machine load (1 min) before / after the load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, b in builds.items():
        disk = b["disk"]
        lines.append(
            f"| {name} | {b['how']} | {b['passages']:,} | {b['seconds']:.0f} | {b['rss_mb']:.0f} | "
            f"{b['serve_rss']:.0f} | {b['vector_index']} | {disk.get('letters.db', 0):.0f} / "
            f"{disk.get('vectors.faiss', 0):.0f} / {disk.get('keywords', 0):.0f} | "
            f"{b['load'][0]:.1f} / {b['load'][1]:.1f} |"
        )
    for name, timed in stages.items():
        table = render_stages(timed)
        lines += ["", table[0].replace("| stage (in-process)", f"| {name}: stage (in-process)"), *table[1:]]
    for name, found in recall.items():
        lines += [
            "",
            f"| {name}: IVF lists probed | recall of the exact top 100 | ms per search (1 thread) |",
            "|---|---|---|",
            *found,
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
