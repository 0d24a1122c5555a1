"""Benchmark: the general sender and recipient fallbacks scored alone (issue 15, round 15b).

    PYTHONPATH=$PWD .venv/bin/python -m bench.meta_fallbacks

`ingest.conventions.fallbacks` is asked only when the specific rules give nothing, so on the dev
part, whose gaps the rules already fill, wiring it in shows nothing. Run alone on every letter,
ignoring the rules, its precision over the values it gives estimates its precision on the letters
the rules miss. Scored as `ingest.meta_eval` scores (roles unjudged counted apart) on the letters-1916
dev part and its halves (never the held part) and on the invented letters.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from bench.meta import INVENTED_BATCHES, LETTERS_1916
from index.records import Party
from ingest.conventions.fallbacks import foot_signer, styled_addressee
from ingest.conventions.frame import Frame, frame_of
from ingest.meta_eval import FieldScore, MetaEval, Part, load_truth, score_field, table

Reader = Callable[[Frame], Party]
READERS: dict[str, Reader] = {
    "sender": foot_signer,
    "recipient": lambda frame: styled_addressee(frame, foot_signer(frame).people),
}


def alone(truth: Path, folder: Path, label: str, part: Part = "all") -> MetaEval:
    """Every letter of `part` read by the fallbacks alone."""
    result = MetaEval(part=label, letters=0, fields={f: FieldScore() for f in READERS})
    for row in load_truth(truth, part):
        frame = frame_of((folder / row["file"]).read_text(encoding="utf-8"))
        result.letters += 1
        for name, read in READERS.items():
            score_field(result, row, name, read(frame))
    return result


def run() -> str:
    results = []
    if (LETTERS_1916 / "truth.jsonl").exists():
        for part in ("dev", "dev-a", "dev-b"):
            results.append(alone(LETTERS_1916 / "truth.jsonl", LETTERS_1916 / "letters", part, part))  # type: ignore[arg-type]
    for label, gold in INVENTED_BATCHES:
        letters = gold / "letters" if (gold / "letters").is_dir() else gold
        results.append(alone(gold / "truth.jsonl", letters, label))
    return table(results)


def main() -> int:
    print(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
