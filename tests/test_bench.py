"""The Enron benchmark script runs end to end on a handful of messages (the full run is not a test)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from index.generation import current_folder
from index.store import Store
from tests.conftest import ROOT, SHARED


@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED / "data" / "enron-mbox").exists(), reason="../shared/data is not beside the project"
)
def test_enron_benchmark_smoke_run_indexes_and_reports_duplicates() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.enron", "--messages", "5"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    row = done.stdout.strip().splitlines()[-1].split("|")
    cells = [c.strip() for c in row[1:-1]]
    assert cells[0] == "smoke 5"
    messages, letters, duplicates, failed = (int(c.replace(",", "")) for c in cells[3:7])
    assert messages == 10 and failed == 0 and duplicates >= 1 and letters + duplicates == messages


def bench(script: str, *args: str, env: dict[str, str] | None = None) -> str:
    """Run one benchmark script on tiny inputs (`env`: settings); its Markdown tables come back."""
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{script.removesuffix('.py')}", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def table(text: str, header: str) -> list[list[str]]:
    """The rows (cells stripped) of the Markdown table whose header row starts with `header`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header}"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.split("|")[1:-1]])
    return rows


SCIFACT = pytest.mark.skipif(
    not (SHARED / "data" / "beir-scifact").exists(), reason="../shared/data is not beside the project"
)


@pytest.mark.slow
@SCIFACT
def test_scifact_benchmark_smoke_run_scores_every_mode_both_backends_and_int8(tmp_path) -> None:
    out = bench("scifact.py", "--smoke", "--work", str(tmp_path))
    modes = {row[0].split(" (")[0]: float(row[1]) for row in table(out, "retrieval")}
    assert {"keyword only", "dense only", "hybrid, rrf k=60"} <= set(modes)
    assert all(0.0 <= v <= 1.0 for v in modes.values()) and max(modes.values()) > 0.3
    assert len(table(out, "fusion")) == 7  # 3 reciprocal-rank k, 4 convex alphas
    ingest = [row[0] for row in table(out, "ingest")]
    assert ingest[0].startswith("raw sentence-transformers") and ingest[-1].startswith("`index_corpus`")
    assert table(out, "embedder")[0][0].startswith("sentence-transformers")
    assert len(table(out, "int8 vs fp32")) == 4


@pytest.mark.slow
@SCIFACT
def test_reindex_benchmark_smoke_run_times_a_no_op_and_a_changed_letter_on_both_backends(tmp_path) -> None:
    out = bench("reindex.py", "--letters", "60", "--repeats", "1", "--work", str(tmp_path))
    rows = table(out, "`letters index` run")
    assert [row[0] for row in rows] == ["no-op", "one changed letter", "one changed letter, torch backend"]


@pytest.mark.slow
@SCIFACT
def test_latency_benchmark_smoke_run_loads_the_server_without_errors(tmp_path) -> None:
    out = bench(
        "latency.py",
        "--passages",
        "100",
        "--clients",
        "1",
        "--seconds",
        "2",
        "--queries",
        "5",
        "--work",
        str(tmp_path),
    )
    rows = table(out, "what")
    assert {row[0] for row in rows} >= {"GET /api/search", "POST /api/ask"}
    assert all(row[6] == "0" for row in rows)
    assert [row[0] for row in table(out, "peak RSS")][1] == "`letters serve` (after the load above)"


@pytest.mark.slow
@SCIFACT
def test_latency_benchmark_times_each_stage_of_search_and_ask(tmp_path) -> None:
    out = bench(
        "latency.py",
        "--passages",
        "100",
        "--clients",
        "1",
        "--seconds",
        "1",
        "--queries",
        "4",
        "--stage-queries",
        "4",
        "--work",
        str(tmp_path),
    )
    stages = [row[0] for row in table(out, "stage (in-process)")]
    assert stages == [
        "encode",
        "keyword",
        "vectors",
        "fusion + fetch",
        "search JSON",
        "evidence (ask)",
        "ask JSON",
    ]


@pytest.mark.slow
@SCIFACT
def test_scale_benchmark_smoke_run_builds_a_real_and_a_synthetic_point_and_loads_both(tmp_path) -> None:
    # IVF even at this size, so the recall table of its probes is exercised too.
    out = bench(
        "scale.py",
        "--points",
        "300,syn2000",
        "--clients",
        "1",
        "--seconds",
        "1",
        "--work",
        str(tmp_path),
        "--vectors-from",
        str(tmp_path / "300" / "data"),
        "--stage-queries",
        "2",
        "--lists-sweep",
        "syn2000:1000,2000",
        "--real-sweep",
        "400,800",
        "--encode-threads",
        env={"LETTERS_VECTOR_INDEX": "ivf"},
    )
    rows = table(out, "point | endpoint")
    assert {(r[0], r[1]) for r in rows} == {
        (p, e) for p in ("300", "syn2000") for e in ("GET /api/search", "POST /api/ask")
    }
    assert all(r[7] == "0" and int(r[3].replace(",", "")) > 0 for r in rows)
    made = {r[0]: r for r in table(out, "point | made how")}
    assert made["300"][1] == "real text, real model" and made["syn2000"][1] == "synthetic"
    assert int(made["syn2000"][2].replace(",", "")) == 2000 and made["syn2000"][6] == "ivf"
    recall = table(out, "syn2000: IVF lists probed")
    assert len(recall) in (7, 8) and all(0.0 <= float(r[1]) <= 1.0 for r in recall)  # 7 and its own
    assert float(recall[-1][1]) >= float(recall[0][1])
    assert len(table(out, "syn2000: stage (in-process)")) == 7
    # The lists sweep: exact first at each size, then IVF rows whose recall grows with the probes.
    sweep = table(out, "syn2000: vectors")
    assert [r[0] for r in sweep if r[1] == "flat (exact)"] == ["1,000", "2,000"]
    ivf = [r for r in sweep if r[0] == "2,000" and r[1] != "flat (exact)"]
    assert ivf and all(0.0 < float(r[3]) <= 1.0 for r in ivf)
    same_lists = [float(r[3]) for r in ivf if r[1] == ivf[0][1]]
    assert same_lists == sorted(same_lists)
    # The same sweep over real correspondence vectors (Enron and SciFact texts embedded by the model).
    real = table(out, "real: vectors")
    assert [r[0] for r in real if r[1] == "flat (exact)"] == ["400", "800"]
    assert all(0.0 < float(r[3]) <= 1.0 for r in real)
    # The synthetic point stores each paragraph's sentences as quote units, each with its vector.
    generation = current_folder(tmp_path / "syn2000" / "data")
    assert generation is not None
    with Store(generation / "letters.db", readonly=True) as store:
        units, missing = store.db.execute(
            "SELECT count(*), sum(text_hash NOT IN (SELECT text_hash FROM embeddings)) FROM units"
        ).fetchone()
    assert units >= 2000 * 3 and missing == 0
    # Encoding a query on ONNX Runtime's default pool, one thread and two: three timed rows.
    encode = table(out, "ONNX Runtime threads per query")
    assert len(encode) == 3 and all(float(r[1].split(" / ")[0]) > 0 for r in encode)


@pytest.mark.slow
@SCIFACT
def test_scifact_keyword_engines_smoke_run_scores_tantivy_and_fts5(tmp_path) -> None:
    out = bench("scifact.py", "--keyword-engines", "--smoke", "--work", str(tmp_path))
    rows = {row[0]: row for row in table(out, "keyword engine")}
    assert set(rows) == {"tantivy", "fts5"}
    assert all(0.3 < float(row[1]) <= 1.0 for row in rows.values())


@pytest.mark.slow
@SCIFACT
def test_peer_benchmark_smoke_run_scores_letters_and_txtai_in_one_run(tmp_path) -> None:
    pytest.importorskip("txtai")
    out = bench("peer.py", "--smoke", "--work", str(tmp_path))
    rows = {row[0]: row for row in table(out, "system")}
    assert set(rows) == {"Letters", "txtai"}
    assert all(0.0 < float(row[1]) <= 1.0 for row in rows.values())
    assert "Letters ÷ txtai" in out
    assert "ingest in alternation (2 rounds each" in out


def test_meta_probes_rewrite_a_letter_without_changing_who_wrote_to_whom_and_when() -> None:
    """Each transcription probe applies to a plain official letter, and the reader still reads it."""
    from bench.meta_probes import PROBES
    from ingest.conventions.meta import extract_meta
    from ingest.conventions.segments import segment

    letter = "\n".join(
        [
            "HOME OFFICE,", "WHITEHALL.", "28th April, 1916.", "Sir,",
            "I am directed by the Secretary of State to acknowledge the receipt of your letter",
            "of the 3rd instant and to say that the matter is receiving attention.",
            "I am, Sir,", "Your obedient Servant,", "J. F. Henderson",
            "The Under Secretary,", "Dublin Castle.",
        ]
    ) + "\n"  # fmt: skip
    row = {"file": "0001.txt", "date": "1916-04-28"}
    for probe in PROBES:
        text = probe(letter, row)
        if text is None:
            continue  # the probe does not apply (no family closing to swap, …)
        assert text != letter, probe.__name__
        meta = extract_meta(text, segment(text), fallback_title="x")
        assert meta.date == "1916-04-28", (probe.__name__, text)
        assert [p.name for p in meta.sender.people] == ["J. F. Henderson"], (probe.__name__, text)
        assert meta.recipient.office.startswith("The Under Secretary"), (probe.__name__, text)
