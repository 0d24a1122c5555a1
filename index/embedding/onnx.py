"""The embedding model run by ONNX Runtime, so a run that embeds never imports torch.

Importing torch and sentence-transformers costs seconds (most of a one-letter re-index, and of a
server's start); ONNX Runtime and the Rust `tokenizers` load in a fraction of that and encode a
query about twice as fast on the CPU (BENCHMARKS.md, issue 7). The ONNX file is exported once from
the sentence-transformers model (the only time torch is needed), checked against it on probe
texts, and cached under `model_cache_dir`, keyed by the model's files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.embedding.base import ModelError

log = logging.getLogger(__name__)

# Bump when the export (graph, inputs, quantisation) changes, so old cached files are not reused.
EXPORT_VERSION = 1
SUPPORTED_MODULES = ("Transformer", "Pooling", "Normalize")
# Texts of several lengths (padding inside a batch must not change a vector) to check an export.
PROBES = (
    "Improvement Board membership",
    "The council proposed an independent chair for the Improvement Board, reporting to the "
    "Minister every quarter on the progress of children's services.",
    "Dear Minister, thank you for your letter of 3 March.",
    "OFFICIAL-SENSITIVE",
)
# fp32 must match sentence-transformers to rounding; int8 only closely (its vectors differ a little).
MIN_COSINE = {"fp32": 0.9999, "int8": 0.95}
# The int8 query graph against the fp32 one it is made from: per-channel weights keep it near
# (0.984 smallest, 0.992 mean over 300 SciFact claims; per-tensor weights gave 0.924 / 0.958).
MIN_QUERY_COSINE = 0.97
QUERY_GRAPH = "query-int8.onnx"


class UnsupportedModel(ModelError):
    """The model cannot run on ONNX Runtime here (layout, missing files); torch can still run it."""


def model_folder(name: str) -> Path:
    """The local folder of a sentence-transformers model: a path, or a name in the offline hub cache."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception as exc:
        raise UnsupportedModel(f"model '{name}' is not a local folder or in the offline hub cache") from exc


def describe(folder: Path) -> dict[str, Any]:
    """What running the model needs besides the graph: pooling, length, lower-casing; checks layout."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        bert = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UnsupportedModel(f"{folder} has no readable modules.json / sentence_bert_config.json") from exc
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if not kinds or kinds[0] != "Transformer" or any(k not in SUPPORTED_MODULES for k in kinds):
        raise UnsupportedModel(f"{folder} has modules {kinds}; ONNX supports Transformer, Pooling, Normalize")
    pooling = "mean"
    for module in modules:
        if str(module.get("type", "")).endswith("Pooling"):
            config = json.loads((folder / module["path"] / "config.json").read_text(encoding="utf-8"))
            modes = [m for m in ("mean", "cls", "max") if config.get(f"pooling_mode_{m}_tokens")]
            modes += ["cls"] if config.get("pooling_mode_cls_token") else []
            others = [k for k, v in config.items() if k.startswith("pooling_mode") and v]
            if len(modes) != 1 or len(others) != 1:
                raise UnsupportedModel(f"{folder} pools with {others}; ONNX supports one of mean, cls, max")
            pooling = modes[0]
    if not (folder / "tokenizer.json").exists():
        raise UnsupportedModel(f"{folder} has no tokenizer.json (a fast tokenizer is needed)")
    return {
        "pooling": pooling,
        "max_seq_length": int(bert.get("max_seq_length") or 512),
        "lower_case": bool(bert.get("do_lower_case")),
        "normalize": kinds[-1] == "Normalize",
    }


def cache_key(folder: Path, precision: str) -> str:
    """Changes whenever a file of the model does (path, size, modification time) or the export does."""
    digest = hashlib.sha256(f"{EXPORT_VERSION}:{precision}:{folder.resolve()}".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


class OnnxEmbedder:
    """Tokenise with `tokenizers`, run the transformer in ONNX Runtime, pool and normalise in NumPy."""

    backend = "onnx"

    def __init__(
        self,
        name: str,
        folder: Path,
        cache_dir: Path,
        *,
        batch_size: int = 32,
        precision: str = "fp32",
        threads: int = 0,
        query_threads: int = 1,
        query_precision: str = "fp32",
    ) -> None:
        self.name = name
        self.batch_size = batch_size
        self.precision = precision
        self._info = describe(folder)
        target = cache_dir / f"onnx-{cache_key(folder, precision)}"
        graph = target / "model.onnx"
        if not graph.exists():
            try:
                export(folder, target, precision, self._info)
            except ModelError:
                raise
            except Exception as exc:  # torch's exporter fails in many ways on unusual architectures
                raise UnsupportedModel(f"cannot export {folder} to ONNX ({exc})") from exc
        self._graph, self._threads, self._query_threads = graph, threads, query_threads
        self._sessions: dict[tuple[Path, int], Any] = {}
        self._opening = threading.Lock()
        first = self._session(graph, query_threads)
        self._info = graph_inputs(first, self._info)
        self._tokenizer = tokenizer(folder, self._info["max_seq_length"])
        self.dimension = int(first.get_outputs()[0].shape[-1])
        # Queries are compared with stored vectors, never stored, so an int8 graph may embed them:
        # ~1.6x faster, SciFact dense nDCG@10 unchanged (BENCHMARKS.md, scale; issue 14). An int8
        # index already embeds everything with int8.
        self._query_graph = graph
        if query_precision == "int8" and precision == "fp32":
            self._query_graph = query_graph(graph, self._tokenizer, self._info)

    def _session(self, graph: Path, threads: int) -> Any:
        """The session of `graph` on `threads` intra-op threads (0: ONNX Runtime's default), opened once."""
        found = self._sessions.get((graph, threads))
        if found is not None:
            return found
        with self._opening:
            if (graph, threads) not in self._sessions:
                self._sessions[graph, threads] = session(graph, threads)
            return self._sessions[graph, threads]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Like sentence-transformers: longest first so each batch pads little, then restore order.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chosen = order[start : start + self.batch_size]
            out[chosen] = self._run([texts[i] for i in chosen])
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        session = self._session(self._query_graph, self._query_threads)
        return run(session, self._tokenizer, self._info, list(texts))

    def _run(self, texts: list[str]) -> np.ndarray:
        # One text comes from a request (an ask embedding a unit the index lacks), and requests come
        # from many threads at once: each then runs on one thread without spinning, rather than all of
        # them fighting over one pool of every core (BENCHMARKS.md, scale; issue 14). Batches
        # (indexing) use every core.
        threads = self._query_threads if len(texts) == 1 else self._threads
        return run(self._session(self._graph, threads), self._tokenizer, self._info, texts)


def query_graph(graph: Path, tok: Any, info: dict[str, Any]) -> Path:
    """The int8 copy of the fp32 `graph` for queries, made once beside it and checked against it then.

    Dynamic quantisation with per-channel weights (ONNX Runtime's `quantize_dynamic`); no torch is
    needed, since it is made from the cached export. If it strays from the fp32 graph on the probes,
    queries stay fp32 (with a warning) rather than rank by a skewed vector.
    """
    target, check = graph.with_name(QUERY_GRAPH), graph.with_name(QUERY_GRAPH + ".json")
    if not (target.exists() and check.exists()):
        # Imported only here: the quantisation tools (onnx, sympy) take over a second to import.
        from onnxruntime.quantization import QuantType, quantize_dynamic

        with tempfile.TemporaryDirectory(dir=graph.parent, prefix=".query-") as tmp:
            made = Path(tmp) / QUERY_GRAPH
            logging.disable(logging.WARNING)  # its advice to pre-process the graph is noise to an admin
            try:
                quantize_dynamic(str(graph), str(made), weight_type=QuantType.QInt8, per_channel=True)
            finally:
                logging.disable(logging.NOTSET)
            exact = run(session(graph, 1), tok, info, PROBES)
            near = run(session(made, 1), tok, info, PROBES)
            cosine = float((exact * near).sum(axis=1).min())
            os.replace(made, target)  # atomic: a concurrent run sees the whole file or none
            check.write_text(json.dumps({"min_cosine": cosine}), encoding="utf-8")
    cosine = float(json.loads(check.read_text(encoding="utf-8"))["min_cosine"])
    if cosine < MIN_QUERY_COSINE:
        log.warning("the int8 query graph strays from the model (cosine %.3f): queries stay fp32", cosine)
        return graph
    return target


def session(graph: Path, threads: int) -> Any:
    """An ONNX Runtime session of `graph` on `threads` intra-op threads (0: its default, every core)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # warnings about unused initialisers are noise to an admin
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle pool threads spin for a while by default, burning the core another request needs.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])


def tokenizer(folder: Path, max_length: int) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    # tokenizer.json may carry fixed-length padding/truncation from its training; sentence-
    # transformers pads to the longest text of the batch and cuts at max_seq_length.
    padding = tok.padding or {}
    pad_token = padding.get("pad_token") or "[PAD]"
    pad_id = padding.get("pad_id", tok.token_to_id(pad_token) or 0)
    tok.enable_padding(pad_id=pad_id, pad_token=pad_token)
    tok.enable_truncation(max_length=max_length)
    return tok


def graph_inputs(session: Any, info: dict[str, Any]) -> dict[str, Any]:
    """`info` plus whether the exported graph takes token type ids (read once, not per batch)."""
    return {**info, "token_types": "token_type_ids" in {i.name for i in session.get_inputs()}}


def run(session: Any, tok: Any, info: dict[str, Any], texts: Sequence[str]) -> np.ndarray:
    """Normalised sentence vectors of `texts` (one batch) from a session; `info` from graph_inputs."""
    if info["lower_case"]:
        texts = [t.lower() for t in texts]
    encoded = tok.encode_batch(list(texts))
    ids = np.array([e.ids for e in encoded], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask}
    if info["token_types"]:
        feeds["token_type_ids"] = np.array([e.type_ids for e in encoded], dtype=np.int64)
    return pool(session.run(None, feeds)[0], mask, info["pooling"], normalize=True)


def pool(tokens: np.ndarray, mask: np.ndarray, how: str, *, normalize: bool) -> np.ndarray:
    weights = mask[..., None].astype(np.float32)
    if how == "mean":
        vectors = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    elif how == "cls":
        vectors = tokens[:, 0]
    else:
        vectors = np.where(weights > 0, tokens, -1e9).max(axis=1)
    if normalize:
        vectors = vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return vectors.astype(np.float32)


def export(folder: Path, target: Path, precision: str, info: dict[str, Any]) -> None:
    """Export the transformer to ONNX (torch needed only here), check it, then move it into place."""
    import onnxruntime
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    # Eager attention traces into plain ops whose padding mask stays dynamic in the graph.
    model = SentenceTransformer(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})
    first: Any = model[0]
    transformer = first.auto_model.eval()
    sample = model.tokenizer(list(PROBES[:2]), padding=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = transformer

        def forward(self, *args: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(names, args, strict=True))).last_hidden_state

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".export-") as tmp:
        graph = Path(tmp) / "model.onnx"
        axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes on Python conditionals: noise to an admin
            torch.onnx.export(
                LastHiddenState(),
                tuple(sample[n] for n in names),
                str(graph),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        if precision == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantised = Path(tmp) / "model-int8.onnx"
            quantize_dynamic(str(graph), str(quantised), weight_type=QuantType.QInt8)
            quantised.replace(graph)
        # Check the export against sentence-transformers itself before anything is embedded with it.
        session = onnxruntime.InferenceSession(str(graph), providers=["CPUExecutionProvider"])
        ours = run(session, tokenizer(folder, info["max_seq_length"]), graph_inputs(session, info), PROBES)
        theirs = model.encode(list(PROBES), normalize_embeddings=True, convert_to_numpy=True)
        cosine = float((ours * theirs).sum(axis=1).min())
        if cosine < MIN_COSINE[precision]:
            raise UnsupportedModel(
                f"the ONNX export of {folder} does not match sentence-transformers (cosine {cosine:.4f})"
            )
        (Path(tmp) / "export.json").write_text(
            json.dumps({"model": str(folder), "precision": precision, "min_cosine": cosine}), encoding="utf-8"
        )
        try:
            os.replace(tmp, target)  # atomic: a concurrent run sees the whole folder or none
        except OSError:
            if not (target / "model.onnx").exists():  # another run won the race: use theirs
                raise
        else:
            os.mkdir(tmp)  # TemporaryDirectory removes it on exit
