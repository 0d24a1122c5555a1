"""Fit the weights an answer's units are scored by (issue 12, `assistant.evidence.UNIT_WEIGHTS`).

    PYTHONPATH=$PWD .venv/bin/python -m bench.unit_weights           # fit on all of Enron dev
    PYTHONPATH=$PWD .venv/bin/python -m bench.unit_weights --halves  # and fit one half, score the other
    PYTHONPATH=$PWD .venv/bin/python -m bench.unit_weights --parts dev,dev-2,dev-3 --lopo
        # fit on those dev parts; leave each part out in turn, fit on the rest and score it

Every unit `gather` scores for a dev question is a row of its `features` (FEATURES); a unit of the
answering email (or a copy in `also`) that holds an expected phrase is a positive. A logistic
regression, each question's positives and negatives weighing alike, gives the weights, scaled so
that the cosine weighs 1 (the scale the margins and the growth of quotes are set on). Only the dev
part is read; the held part is never seen here. `--halves` splits dev by a hash of the question, fits
each half and answers the other half with those weights and with today's, so the gain is measured on
questions the weights were not fitted on. The Enron index is `bench.answers`'s (built there if absent).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.answers import GOLD, PARTS, enron_corpus, index
from bench.common import WORK


def _rows(reader, questions) -> list[tuple[list[tuple[float, ...]], list[bool]]]:  # type: ignore[no-untyped-def]
    """Each answerable question's units: their features and whether each answers."""
    from assistant.evaluate import _any_letter, _norm

    out = []
    for q in questions:
        if q.letter is None:
            continue
        found = reader.assistant.consider(reader.generation, q.question, filters=q.filters)
        phrases = [_norm(p) for p in q.expect]
        feats = [ev.features for ev in found.evidence]
        labels = [
            _any_letter(ev.hit.letter, q) and any(p in _norm(ev.quote) for p in phrases)
            for ev in found.evidence
        ]
        if any(labels):
            out.append((feats, labels))
    return out


def fit(rows: Sequence[tuple[list[tuple[float, ...]], list[bool]]]) -> tuple[float, ...]:
    from sklearn.linear_model import LogisticRegression  # sentence-transformers depends on it

    x, y, weight = [], [], []
    for feats, labels in rows:
        positives = sum(labels)
        for f, label in zip(feats, labels, strict=True):
            x.append(f)
            y.append(int(label))
            weight.append(1 / positives if label else 1 / max(1, len(labels) - positives))
    model = LogisticRegression(max_iter=3000).fit(np.array(x), np.array(y), sample_weight=np.array(weight))
    coef = model.coef_[0]
    return tuple(round(float(c / coef[0]), 2) for c in coef)


def _half(question: str) -> str:
    return "a" if int(hashlib.sha1(question.encode()).hexdigest(), 16) % 2 == 0 else "b"


def _score(reader, questions, weights: tuple[float, ...]) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """hit@1, hit@3 and false answers of `questions` answered with `weights`."""
    import assistant.evidence as evidence
    from assistant.evaluate import evaluate

    saved = evidence.UNIT_WEIGHTS
    evidence.UNIT_WEIGHTS = weights
    try:
        summary = evaluate(
            questions,
            lambda q, turns, filters: reader.ask(q, history=turns, filters=filters),
            reader.letter_text,
        )
    finally:
        evidence.UNIT_WEIGHTS = saved
    return summary.hit_at_1, summary.hit_at_3, summary.wrong_answers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halves", action="store_true", help="Fit each half of dev, score the other.")
    parser.add_argument("--work", type=Path, default=WORK / "answers", help="bench.answers's cache folder.")
    parser.add_argument(
        "--parts", default="dev", help="Enron dev parts to fit on, comma-separated (never the held part)."
    )
    parser.add_argument(
        "--lopo", action="store_true", help="Leave each part out in turn: fit on the others, score it."
    )
    args = parser.parse_args(argv)
    from assistant.evaluate import load_gold
    from assistant.evidence import FEATURES, UNIT_WEIGHTS
    from cli.main import make_settings, open_reader

    corpus, _ = enron_corpus(args.work / "enron-corpus", 0)
    data_dir = args.work / "enron-data"
    index(corpus, data_dir)
    reader = open_reader(make_settings(data_dir))
    names = [p.strip() for p in args.parts.split(",") if p.strip()]
    if any(n == "held" or PARTS.get(n, ("",))[0] != "enron" for n in names):
        parser.error(f"--parts takes Enron dev parts only, not {names}")
    parts = {n: load_gold(GOLD / PARTS[n][1]) for n in names}
    rows = {n: _rows(reader, qs) for n, qs in parts.items()}
    dev = parts[names[0]]
    weights = fit([r for n in names for r in rows[n]])
    print("features:      ", ", ".join(FEATURES))
    print(f"fitted on {'+'.join(names)}: ", weights)
    print("in the code:   ", UNIT_WEIGHTS)
    if args.lopo:
        for left in names:
            fitted = fit([r for n in names if n != left for r in rows[n]])
            for label, w in (("fitted on the others", fitted), ("in the code", UNIT_WEIGHTS)):
                h1, h3, wrong = _score(reader, parts[left], w)
                print(f"{left}, weights {label}: hit@1 {h1:.2f} hit@3 {h3:.2f} false answers {wrong}  {w}")
    if args.halves:
        for train, test in (("a", "b"), ("b", "a")):
            fitted = fit(_rows(reader, [q for q in dev if _half(q.question) == train]))
            held = [q for q in dev if _half(q.question) == test]
            for label, w in ((f"fitted on half {train}", fitted), ("in the code", UNIT_WEIGHTS)):
                h1, h3, wrong = _score(reader, held, w)
                print(f"half {test}, weights {label}: hit@1 {h1:.2f} hit@3 {h3:.2f} false answers {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
