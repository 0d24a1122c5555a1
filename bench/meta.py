"""Benchmark: who wrote to whom, and when, read from real letters (issue 15).

    PYTHONPATH=$PWD .venv/bin/python -m bench.meta            # print the tables
    PYTHONPATH=$PWD .venv/bin/python -m bench.meta --write    # and rewrite them in BENCHMARKS.md

Scores `ingest.meta_eval` on the letters-1916 dev and held parts (shared/data, research and
evaluation use only: nothing of it is copied here), on the bundled letters (tests/gold/meta.jsonl) and
on letters invented in the period's forms (tests/gold/meta-invented*, rounds 14 to 19).
dev-a and dev-b halve dev by another hash (tune on dev-a, check on dev-b). letters-1916 runs twice:
with the defaults (a year written "17" falls near the years the letter, else the letters scored with
it, write in full, as in `letters index`), and with LETTERS_TWO_DIGIT_CENTURY=1900, the setting that
fixes the century whatever the corpus says.
"""

from __future__ import annotations

import argparse
import sys

from bench.common import ROOT, replace_block
from ingest.formats.document import ReadOptions
from ingest.meta_eval import evaluate, table

LETTERS_1916 = ROOT.parent / "shared" / "data" / "letters-1916"
BUNDLED = ROOT / "tests" / "gold" / "meta.jsonl"
GOLD = ROOT / "tests" / "gold"
# The batches of invented letters, in the order they were written; each folder's README says which were
# tuned on and which never were.
INVENTED_BATCHES = (
    ("invented", GOLD / "meta-invented"),
    ("invented-check", GOLD / "meta-invented-check"),
    *((f"invented-hard{n}", GOLD / f"meta-invented-hard{n}") for n in ("", *(f"-{k}" for k in range(2, 19)))),
)
MAX_BYTES = 50_000_000


def run() -> str:
    """The Markdown of the benchmark: one table per reading of the dates."""
    out = []
    if (LETTERS_1916 / "truth.jsonl").exists():
        for label, century, names in (
            ("defaults", None, ("dev", "dev-a", "dev-b", "held")),
            ("LETTERS_TWO_DIGIT_CENTURY=1900", 1900, ("dev", "held")),
        ):
            options = ReadOptions(max_bytes=MAX_BYTES, two_digit_century=century)
            parts = [evaluate(LETTERS_1916 / "truth.jsonl", part=p, options=options) for p in names]
            out += [f"letters-1916, {label}:", "", table(parts), ""]
    else:
        out += [f"letters-1916 not found at {LETTERS_1916}: skipped.", ""]
    bundled = evaluate(BUNDLED, ROOT / "corpus", options=ReadOptions(max_bytes=MAX_BYTES))
    bundled.part = "bundled"
    out += ["Bundled letters (corpus/, truth in tests/gold/meta.jsonl):", "", table([bundled]), ""]
    invented = []
    for part, folder in INVENTED_BATCHES:
        result = evaluate(folder / "truth.jsonl", options=ReadOptions(max_bytes=MAX_BYTES))
        result.part = part
        invented.append(result)
    out += [
        "Invented letters in period forms (tests/gold/meta-invented, tuned on; meta-invented-check,",
        "-hard, -hard-2, -hard-4, -hard-7, -hard-9, -hard-15, -hard-16 and -hard-18 never tuned on; -hard-3",
        "scored blind once in round 17, -hard-5 and -hard-6 once in round 18, -hard-8, -hard-10, -hard-11,",
        "-hard-13 and -hard-14 once in round 19, -hard-12 and -hard-17 once in round 20, then tuned on):",
        "",
        table(invented),
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="Rewrite the tables in BENCHMARKS.md.")
    args = parser.parse_args(argv)
    body = run()
    print(body)
    if args.write:
        replace_block("meta", "Command: `PYTHONPATH=$PWD .venv/bin/python -m bench.meta --write`\n\n" + body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
