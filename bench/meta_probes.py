"""Benchmark: does the metadata reader hold when a letter is transcribed differently? (issue 15)

    PYTHONPATH=$PWD .venv/bin/python -m bench.meta_probes            # print the table
    PYTHONPATH=$PWD .venv/bin/python -m bench.meta_probes --write    # and rewrite it in BENCHMARKS.md

Metamorphic probes on the letters-1916 **dev** part (never the held part): each probe rewrites every
letter it applies to the way another transcriber or another hand might have written it (a stamp
after the signature, the salutation run into the first sentence, the closing and the name on one
line, the addressee block on top, the date line in another form …), keeping who wrote to whom and
when. A field the reader gets right on the letter as shared must stay right on the rewritten one.
The table counts the right fields each probe breaks: the reader's fragility to line breaks and
layout, which a tuned score on the same letters cannot show. The rewritten copies go to a temporary
folder and are deleted (the edition's licence: evaluation use, nothing copied into the project).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, replace_block
from ingest.conventions.dates import date_line
from ingest.conventions.frame import Frame, frame_of
from ingest.conventions.names import signed_name
from ingest.formats.document import ReadOptions
from ingest.meta_eval import FIELDS, evaluate, load_truth

LETTERS_1916 = ROOT.parent / "shared" / "data" / "letters-1916"
OPTIONS = ReadOptions(max_bytes=50_000_000)
Probe = Callable[[str, dict], str | None]  # letter text, truth row → rewritten text, or None (not applicable)


def _lines(text: str) -> tuple[Frame, list[str]]:
    frame = frame_of(text)
    return frame, list(frame.lines)


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def stamps_after(text: str, row: dict) -> str | None:
    """Registry stamps and office notes under the letter."""
    return text.rstrip() + "\nRegistered\n-5 JUN. 1916\nAck. WML 5/6/16\n"


def minutes_after(text: str, row: dict) -> str | None:
    """An office's minutes under the letter, each with its initials and a date line of its own."""
    return text.rstrip() + "\nUnder Secretary\nSeen.\nM. N.\n5.8.16\nPut by.\nW. P. B. 9/8\n"


def stamps_before(text: str, row: dict) -> str | None:
    """A registry stamp and file number above the letterhead."""
    return "REGISTERED\n-5 JUN 1916\nNo. 4417\n" + text


def postscript(text: str, row: dict) -> str | None:
    """A postscript under the signature, initialled."""
    return text.rstrip() + "\nP.S. I enclose the form you asked for, duly filled.\nJ.K.\n"


def archive_reference_after(text: str, row: dict) -> str | None:
    """An archive's reference numbers written on the last page."""
    return text.rstrip() + "\nCSO/RP/1916/11234\nD1507/A/18/13\n"


def body_rewrapped(text: str, row: dict) -> str | None:
    """The body's lines broken at other places."""
    frame, lines = _lines(text)
    if frame.opening is None or frame.closing is None:
        return None
    body = textwrap.wrap(" ".join(lines[frame.opening + 1 : frame.closing]), 45)
    return _text(lines[: frame.opening + 1] + body + lines[frame.closing :])


def salutation_run_on(text: str, row: dict) -> str | None:
    """The salutation and the first line of the body on one line."""
    frame, lines = _lines(text)
    k = frame.opening
    if k is None or k + 1 >= len(lines) or k + 1 == frame.closing:
        return None
    return _text([*lines[:k], f"{lines[k]} {lines[k + 1]}", *lines[k + 2 :]])


def closing_run_on(text: str, row: dict) -> str | None:
    """The last line of the body and the closing on one line."""
    frame, lines = _lines(text)
    k = frame.closing
    if k is None or frame.opening is None or k - 1 <= frame.opening:
        return None
    return _text([*lines[: k - 1], f"{lines[k - 1]} {lines[k]}", *lines[k + 1 :]])


def closing_and_name(text: str, row: dict) -> str | None:
    """The closing's line and the next (the name, or the rest of the closing) on one line."""
    frame, lines = _lines(text)
    k = frame.closing
    if k is None or k + 1 >= len(lines):
        return None
    return _text([*lines[:k], f"{lines[k]} {lines[k + 1]}", *lines[k + 2 :]])


def closing_other_words(text: str, row: dict) -> str | None:
    """Another closing formula of the period, over several lines."""
    frame, lines = _lines(text)
    k = frame.closing
    if k is None or frame.after_closing:
        return None
    end = k + 1
    formula = re.compile(r"(?i)(sir|madam|gentlemen|yours?\b.*(servant|faithfully|truly|sincerely)\w*)[,.]?")
    while end < len(lines) and formula.fullmatch(lines[end]):
        end += 1
    if re.search(r"(?i)loving|love|affec|fond|father|mother|son\b|daughter", " ".join(lines[k:end])):
        return None  # a family closing says who is writing to whom: keep it
    formal = re.search(r"(?i)servant|sir", " ".join(lines[k:end]))
    new = (
        ["I have the honour to be,", "Sir,", "Your most obedient Servant,"]
        if formal
        else ["Believe me,", "Yours very sincerely,"]
    )
    return _text(lines[:k] + new + lines[end:])


def page_number_under_closing(text: str, row: dict) -> str | None:
    """A page's number between the closing and the signature."""
    frame, lines = _lines(text)
    if frame.closing is None:
        return None
    return _text([*lines[: frame.closing + 1], "2", *lines[frame.closing + 1 :]])


def _addressee_at_foot(frame: Frame, lines: list[str]) -> int | None:
    if frame.closing is None:
        return None
    return next(
        (i for i in range(frame.closing + 2, len(lines)) if re.match(r"(?i)(to\b|the\s)", lines[i])), None
    )


def addressee_on_top(text: str, row: dict) -> str | None:
    """The addressee block moved from the foot to above the salutation."""
    frame, lines = _lines(text)
    k = _addressee_at_foot(frame, lines)
    if k is None or frame.opening is None or frame.closing is None:
        return None
    block = lines[k : k + 3]
    rest = lines[frame.closing + 1 : k] + lines[k + 3 :]
    return _text(lines[: frame.opening] + block + lines[frame.opening : frame.closing + 1] + rest)


def addressee_office_broken(text: str, row: dict) -> str | None:
    """The addressee's office broken over two lines ("The Under" / "Secretary,")."""
    frame, lines = _lines(text)
    k = _addressee_at_foot(frame, lines)
    m = re.match(r"(?i)((?:to\s+)?the\s+\w+)\s+(.+)", lines[k]) if k is not None else None
    if k is None or not m or len(lines[k].split()) < 3:
        return None
    return _text([*lines[:k], m.group(1), m.group(2), *lines[k + 1 :]])


def letterhead_run_on(text: str, row: dict) -> str | None:
    """The letterhead, address and date line run into one line."""
    frame, lines = _lines(text)
    if frame.opening is None or frame.opening < 2:
        return None
    head = " ".join(lines[: frame.opening])
    return _text([head, *lines[frame.opening :]]) if len(head) <= 120 else None


def signature_in_capitals(text: str, row: dict) -> str | None:
    """The signer's name typed in capitals."""
    frame, lines = _lines(text)
    if frame.closing is None:
        return None
    for k in range(frame.closing + 1, min(len(lines), frame.closing + 4)):
        if signed_name(lines[k]):
            return _text([*lines[:k], lines[k].upper(), *lines[k + 1 :]])
    return None


def foot_unpunctuated(text: str, row: dict) -> str | None:
    """No commas or stops at the ends of the closing, signature and addressee lines."""
    frame, lines = _lines(text)
    if frame.closing is None:
        return None
    return _text(lines[: frame.closing] + [x.rstrip(",.;") for x in lines[frame.closing :]])


def _date_line_at(lines: list[str], end: int) -> int | None:
    return next((k for k, x in enumerate(lines[:end]) if date_line(x)), None)


def date_under_salutation(text: str, row: dict) -> str | None:
    """The date line moved from above the salutation to just under it."""
    frame, lines = _lines(text)
    k = _date_line_at(lines, frame.opening) if frame.opening is not None else None
    if k is None or frame.opening is None:
        return None
    rest = lines[:k] + lines[k + 1 :]
    opening = frame.opening - 1
    return _text([*rest[: opening + 1], lines[k], *rest[opening + 1 :]])


def date_under_signature(text: str, row: dict) -> str | None:
    """The date line moved from the head to under the signature, above the addressee block."""
    frame, lines = _lines(text)
    if frame.opening is None or frame.closing is None:
        return None
    k = _date_line_at(lines, frame.opening)
    signer = next(
        (i for i in range(frame.closing + 1, min(len(lines), frame.closing + 4)) if signed_name(lines[i])),
        None,
    )
    if k is None or signer is None:
        return None
    return _text([*lines[:k], *lines[k + 1 : signer + 1], lines[k], *lines[signer + 1 :]])


_MONTHS = list(calendar.month_name)[1:]
_SHORT = ["Jan.", "Feb.", "Mar.", "Apl.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


_DATE_FORMS: list[Callable[[dt.date], str]] = [
    lambda d: f"{_MONTHS[d.month - 1]} {_ordinal(d.day)} {d.year}",
    lambda d: f"{_SHORT[d.month - 1]} {d.day}/{d.year % 100}",
    lambda d: f"{d.day}/{d.month}/{d.year % 100}",
    lambda d: f"{d.day}-{d.month}-{d.year % 100}",
    lambda d: f"{d.day}.{_ROMAN[d.month - 1]}.{d.year % 100}",
    lambda d: f"{_ordinal(d.day)} day of {_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d.strftime('%A')} {_ordinal(d.day)} {_MONTHS[d.month - 1][:3]}. {d.year}",
    lambda d: f"{_MONTHS[d.month - 1]}\n{_ordinal(d.day)}\n{d.year}.",
    # A deed's or a formal letter's day in words: "Twenty-first March, 1916" (round 18).
    lambda d: f"{_day_in_words(d.day)} {_MONTHS[d.month - 1]}, {d.year}",
]
_UNITS = [
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth",
    "Eighteenth", "Nineteenth",
]  # fmt: skip


def _day_in_words(day: int) -> str:
    """ "Tenth", "Twentieth", "Twenty-first", "Thirty-first"."""
    if day < 20:
        return _UNITS[day - 1]
    tens, unit = divmod(day, 10)
    ten = ("Twent", "Thirt")[tens - 2]
    return f"{ten}ieth" if not unit else f"{ten}y-{_UNITS[unit - 1].lower()}"


def date_other_form(text: str, row: dict) -> str | None:
    """The date line written in another form of the period (one of nine, by letter; two-digit years
    in some letters only, so the corpus still writes most years in full)."""
    iso = row.get("date") or ""
    if len(iso) != 10:
        return None
    lines = text.splitlines()
    k = next((i for i, x in enumerate(lines[:12]) if (m := date_line(x)) and m.iso == iso), None)
    if k is None:
        return None
    form = _DATE_FORMS[sum(map(ord, row["file"])) % len(_DATE_FORMS)]
    return "\n".join([*lines[:k], form(dt.date.fromisoformat(iso)), *lines[k + 1 :]]) + "\n"


def typed_blocks(text: str, row: dict) -> str | None:
    """Blank lines between the parts, as a typed letter or another edition sets them out: the
    letterhead and date, the salutation, the body, the closing with its signature, the addressee block."""
    frame, lines = _lines(text)
    if frame.opening is None or frame.closing is None:
        return None
    foot = _addressee_at_foot(frame, lines)
    parts = [lines[: frame.opening], [lines[frame.opening]], lines[frame.opening + 1 : frame.closing]]
    parts += [lines[frame.closing : foot], lines[foot:]] if foot is not None else [lines[frame.closing :]]
    return "\n\n".join("\n".join(p) for p in parts if p) + "\n"


def date_above_address(text: str, row: dict) -> str | None:
    """The date line moved above the writer's address, where some hands and editions put it."""
    frame, lines = _lines(text)
    k = _date_line_at(lines, frame.opening if frame.opening is not None else 0)
    if k is None or k == 0:
        return None
    return _text([lines[k], *lines[:k], *lines[k + 1 :]])


def closing_dropped(text: str, row: dict) -> str | None:
    """No closing phrase: the name stands alone under the last sentence (a note, a draft, a copy)."""
    frame, lines = _lines(text)
    k = frame.closing
    if k is None or frame.after_closing or k + 1 >= len(lines) or k < len(lines) - CLOSING_NEAR_END:
        return None  # a closing further up (a letter with an enclosure after it) leaves no name at the end
    return _text([*lines[:k], *lines[k + 1 :]])


CLOSING_NEAR_END = 6  # lines


PROBES: list[Probe] = [
    stamps_after,
    stamps_before,
    minutes_after,
    postscript,
    archive_reference_after,
    body_rewrapped,
    salutation_run_on,
    closing_run_on,
    closing_and_name,
    closing_other_words,
    page_number_under_closing,
    addressee_on_top,
    addressee_office_broken,
    letterhead_run_on,
    signature_in_capitals,
    foot_unpunctuated,
    date_other_form,
    date_under_salutation,
    date_under_signature,
    typed_blocks,
    date_above_address,
    closing_dropped,
]


@dataclass
class ProbeResult:
    name: str
    letters: int  # letters the probe rewrote
    right: dict[str, int]  # fields right before the rewrite, on those letters
    broken: dict[str, int]  # of those, wrong after it


def run_probe(probe: Probe, rows: list[dict], base: dict[tuple[str, str], bool], folder: Path) -> ProbeResult:
    (folder / "letters").mkdir(parents=True)
    kept = []
    for row in rows:
        changed = probe((LETTERS_1916 / "letters" / row["file"]).read_text(encoding="utf-8"), row)
        if changed is not None:
            (folder / "letters" / row["file"]).write_text(changed, encoding="utf-8")
            kept.append(row)
    # The letters a probe leaves alone are scored with it too: the corpus step (two-digit years) sees
    # the whole part, as `letters index` would.
    for row in rows:
        if not (folder / "letters" / row["file"]).exists():
            text = (LETTERS_1916 / "letters" / row["file"]).read_text(encoding="utf-8")
            (folder / "letters" / row["file"]).write_text(text, encoding="utf-8")
    (folder / "truth.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    after = {(o.file, o.field): o.right for o in evaluate(folder / "truth.jsonl", options=OPTIONS).outcomes}
    names = {r["file"] for r in kept}
    right = {f: sum(1 for (n, g), ok in base.items() if ok and g == f and n in names) for f in FIELDS}
    broken = {
        f: sum(1 for (n, g), ok in base.items() if ok and g == f and n in names and not after.get((n, g)))
        for f in FIELDS
    }
    return ProbeResult(probe.__name__, len(kept), right, broken)


def run() -> tuple[str, list[ProbeResult]]:
    rows = load_truth(LETTERS_1916 / "truth.jsonl", "dev")
    base = {
        (o.file, o.field): o.right
        for o in evaluate(LETTERS_1916 / "truth.jsonl", part="dev", options=OPTIONS).outcomes
    }
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, probe in enumerate(PROBES):
            results.append(run_probe(probe, rows, base, Path(tmp) / str(k)))
    out = [
        f"letters-1916 dev part, {len(rows)} letters. Each row: how many letters the probe rewrote, and of "
        "the fields right on those letters as shared, how many the rewrite broke.",
        "",
        "| probe | letters | sender broken | recipient broken | date broken |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        cells = [f"{r.broken[f]} / {r.right[f]}" for f in FIELDS]
        out.append(f"| {r.name.replace('_', ' ')} | {r.letters} | " + " | ".join(cells) + " |")
    total = {f: (sum(r.broken[f] for r in results), sum(r.right[f] for r in results)) for f in FIELDS}
    out.append("| **all probes** | | " + " | ".join(f"**{b} / {n}**" for b, n in total.values()) + " |")
    return "\n".join(out), results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="Rewrite the table in BENCHMARKS.md.")
    args = parser.parse_args(argv)
    if not (LETTERS_1916 / "truth.jsonl").exists():
        print(f"letters-1916 not found at {LETTERS_1916}: skipped.")
        return 0
    body, _ = run()
    print(body)
    if args.write:
        replace_block(
            "meta-probes",
            "Command: `PYTHONPATH=$PWD .venv/bin/python -m bench.meta_probes --write`\n\n" + body,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
