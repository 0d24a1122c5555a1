"""Benchmark: index the five Enron mailboxes with the real `letters` command, then search them.

    .venv/bin/python bench/enron.py                 # the full run (19,100 messages), a few minutes
    .venv/bin/python bench/enron.py --messages 5    # a smoke run on the first 5 messages of 2 mailboxes

It runs `letters index --rebuild --json` on a fresh data directory, then
`letters search "gas prices" --sender "Kenneth Lay"`, and prints one Markdown table row (time,
messages, letters, duplicates, failures, passages, passages/s) for BENCHMARKS.md. Exit status 1
when a message failed to index or (full run) the search finds nothing from Kenneth Lay.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENRON = ROOT.parent / "shared" / "data" / "enron-mbox"
LETTERS = Path(sys.executable).with_name("letters")
QUERY, SENDER = "gas prices", "Kenneth Lay"
SMOKE_MAILBOXES = ("lay-k/enron.lay-k._sent.mbox.gz", "lay-k/enron.lay-k.sent.mbox.gz")


def smoke_corpus(folder: Path, messages: int) -> Path:
    """The first `messages` messages of two of Lay's mailboxes (sent mail overlaps: duplicates)."""
    from ingest.formats.mail import split_mbox

    for name in SMOKE_MAILBOXES:
        raws = split_mbox(gzip.decompress((ENRON / name).read_bytes()))[:messages]
        target = folder / name.removesuffix(".gz")
        target.parent.mkdir(parents=True, exist_ok=True)
        separator = b"From MAILER-DAEMON Mon Apr 18 14:20:59 2022\n"
        target.write_bytes(b"".join(separator + raw + b"\n" for raw in raws))
    return folder


def letters(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run([str(LETTERS), *args], capture_output=True, text=True, env=env, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ENRON, help="Folder of mailboxes (default: Enron).")
    parser.add_argument("--data-dir", type=Path, help="Index folder (default: a temporary one).")
    parser.add_argument("--messages", type=int, default=0, help="Smoke run: first N messages of 2 mailboxes.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="letters-enron-"))
    try:
        corpus = smoke_corpus(work / "corpus", args.messages) if args.messages else args.corpus
        data_dir = args.data_dir or work / "data"
        started = time.perf_counter()
        done = letters("index", str(corpus), "--data-dir", str(data_dir), "--rebuild", "--json")
        seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):
            print(done.stderr, file=sys.stderr)
            return 2
        report = json.loads(done.stdout)
        found = letters("search", QUERY, "--sender", SENDER, "-k", "5", "--data-dir", str(data_dir), "--json")
        hits = json.loads(found.stdout)["hits"] if found.returncode == 0 else []
        from_lay = [h for h in hits if SENDER.lower() in h["letter"]["sender"].lower()]
        listed = letters("documents", "--data-dir", str(data_dir), "--json")
        kinds = [lt["source_kind"] for lt in json.loads(listed.stdout)["letters"]]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # Messages are the emails indexed plus those skipped as duplicates or failed ("box.mbox#12");
    # other files in the folder (SOURCE.md) are letters but not messages.
    dupes = len(report["duplicates"])
    failed = len(report["failed"])
    emails = kinds.count("email")
    messages = emails + dupes + sum("#" in f["path"] for f in report["failed"])
    timings = report["timings"]
    row = (
        f"| {'smoke ' + str(args.messages) if args.messages else 'full'} | {platform.node() or '?'} "
        f"({os.cpu_count()} cores) | {seconds:.0f} s | {messages:,} | {emails:,} | {dupes:,} | "
        f"{failed} | {report['passages']:,} | {report['passages'] / seconds:.0f} | "
        f"{timings.get('parse', 0):.0f} s | {timings.get('embed', 0):.0f} s | {len(from_lay)}/5 |"
    )
    print(
        "| run | machine | time | messages | indexed | duplicates | failed | passages | passages/s "
        "| parse | embed | Lay hits |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(row)
    for hit in from_lay[:3]:
        text = " ".join(hit["passage"]["text"].split())[:100]
        print(f"  {hit['letter']['date']} {hit['letter']['title']!r}: {text}", file=sys.stderr)
    # A smoke run's few messages need not include one of Lay's about gas prices.
    return 0 if (from_lay or args.messages) and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
