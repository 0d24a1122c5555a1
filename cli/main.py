"""The `letters` command line over one data directory: index, documents, search, ask, eval, serve."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from index.settings import Settings

# The rest is imported by the commands that need it: every command starts faster, and so does each
# parse worker of `letters index`, which (started with "spawn") imports this module again.
if TYPE_CHECKING:
    from assistant.assistant import Assistant
    from assistant.reader import Reader
    from assistant.records import Answer
    from index.generation import Generation
    from index.records import Hit, Letter, SearchFilters
    from ingest.report import IndexReport
    from web.users import Users

EXIT_FAILED_FILES = 1
EXIT_BUSY = 3

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data directory holding the index (default: LETTERS_DATA_DIR or ./data).",
)


def make_settings(data_dir: Path | None, **overrides: Any) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    if data_dir is not None:
        values["data_dir"] = data_dir
    return Settings(**values)


# What a terminal acts on rather than shows: C0 controls but tab (newline too: a user name holding one
# forged an audit line), DEL, C1 (0x9b is an 8-bit CSI), and the bidi and line-separator controls
# that reorder or break what is shown. Fields from letters, file names and sign-in forms are data.
_CONTROLS = [c for c in range(0x20) if c != 0x09] + [0x7F, *range(0x80, 0xA0)]
_FORMATTING = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
_VISIBLE = {c: f"\\x{c:02x}" for c in _CONTROLS} | {c: f"\\u{c:04x}" for c in _FORMATTING}
_VISIBLE_LINES = {c: v for c, v in _VISIBLE.items() if c != 0x0A}


def printable(value: object, *, lines: bool = False) -> str:
    """`value` for a person's terminal: every control character as a visible escape ("\\x1b").

    `lines=True` keeps line breaks, for text that is several lines by design (an answer).
    """
    return ("" if value is None else str(value)).translate(_VISIBLE_LINES if lines else _VISIBLE)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"letters: {printable(message, lines=True)}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Letters: search and cite an organisation's correspondence."""


# --- index ---------------------------------------------------------------------------------
class TerminalProgress:
    """A tqdm bar per stage, only when a person is watching a terminal."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._tqdm = tqdm
        self._bar: Any = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = self._tqdm(total=total, desc=stage, unit="file" if stage != "embedding" else "text")
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def print_report(report: IndexReport) -> None:
    for label, paths in (
        ("added", report.added),
        ("changed", report.changed),
        ("unchanged", report.unchanged),
        ("deleted", report.deleted),
    ):
        for path in paths:
            click.echo(f"{label:<10} {printable(path)}")
    for dup in report.duplicates:
        click.echo(f"{'duplicate':<10} {printable(dup.path)} (same content as {printable(dup.of)})")
    for failure in report.failed:
        click.echo(f"{'FAILED':<10} {printable(failure.path)}: {printable(failure.error)}")
    for path in report.ocr:
        shown = printable(path)
        click.echo(f"{'OCR':<10} {shown} (read from page images; check quotes against the original)")
    for note in report.notes:
        click.echo(f"note: {printable(note)}")
    click.echo(
        f"\n{len(report.added)} added, {len(report.changed)} changed, {len(report.unchanged)} unchanged, "
        f"{len(report.deleted)} deleted, {len(report.duplicates)} duplicates, {len(report.failed)} failed; "
        f"{report.letters} letters, {report.passages} passages in the index "
        f"({report.embedded} texts embedded, {report.timings.get('total', 0):.1f}s)"
    )


@cli.command("index")
@click.argument("corpus", required=False, type=click.Path(file_okay=False, path_type=Path))
@data_dir_option
@click.option("--rebuild", is_flag=True, help="Build from scratch (needed after changing the model).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--wait", type=float, default=None, help="Seconds to wait for another index run to finish.")
def index_cmd(
    corpus: Path | None, data_dir: Path | None, rebuild: bool, as_json: bool, wait: float | None
) -> None:
    """Index CORPUS (default: the corpus directory setting): new and changed files only."""
    from index.embedding.base import ModelError
    from index.embedding.factory import load_embedder
    from index.generation import IndexBusy, IndexProblem
    from index.records import to_json
    from ingest.pipeline import index_corpus  # the parsers (PDF, email, Word, OCR) come with it

    settings = make_settings(data_dir, lock_wait=wait)
    corpus = corpus or settings.corpus_dir
    if not corpus.is_dir():
        raise click.BadParameter(f"{corpus} is not a folder of letters", param_hint="CORPUS")
    progress = TerminalProgress() if sys.stderr.isatty() and not as_json else None
    try:
        report = index_corpus(
            settings, corpus, embedder=lambda: load_embedder(settings), rebuild=rebuild, progress=progress
        )
    except IndexBusy as exc:
        fail(str(exc), EXIT_BUSY)
    except (IndexProblem, ModelError) as exc:
        fail(str(exc))
    finally:
        if progress:
            progress.close()
    if as_json:
        click.echo(json.dumps(to_json(report)))
    else:
        print_report(report)
    sys.exit(0 if report.ok else EXIT_FAILED_FILES)


# --- documents -----------------------------------------------------------------------------
def open_index(settings: Settings) -> Generation:
    from index.generation import IndexProblem, open_checked

    try:
        return open_checked(settings)
    except IndexProblem as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def cli_reader(settings: Settings, generation: Generation, assistant: Assistant | None) -> Reader:
    """The CLI reads as the administrator of this machine: the top clearance, not audited."""
    from assistant.reader import Identity, Reader

    levels = settings.levels()
    return Reader(
        generation, Identity("cli", levels.top_name(), "cli"), assistant=assistant, levels=levels, audit=None
    )


def open_reader(settings: Settings) -> Reader:
    """A reader with the model loaded, for commands that search or answer."""
    from assistant.assistant import Assistant
    from index.embedding.factory import load_embedder

    generation = open_index(settings)
    return cli_reader(settings, generation, Assistant(settings, load_embedder(settings)))


@cli.command("documents")
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every letter.")
def documents_cmd(data_dir: Path | None, as_json: bool) -> None:
    """List the indexed letters with their metadata; an email's attachments are listed under it."""
    from index.records import to_json

    settings = make_settings(data_dir)
    generation = open_index(settings)
    listed = cli_reader(settings, generation, None).letters()
    if as_json:
        click.echo(json.dumps(to_json(listed)))
        return
    letters = listed.letters
    thread_sizes: dict[str, int] = {}
    for letter in letters:
        if letter.thread_id:
            thread_sizes[letter.thread_id] = thread_sizes.get(letter.thread_id, 0) + 1
    by_id = {lt.id: lt for lt in letters}
    children: dict[str, list[Letter]] = {}
    for letter in letters:
        if letter.parent_id in by_id:
            children.setdefault(letter.parent_id, []).append(letter)

    def show(letter: Letter, indent: str) -> None:
        when = letter.date or "undated"
        if letter.date_kind == "event":
            when += " (meeting date)"
        elif letter.date_kind == "received":
            when += " (received stamp)"
        name = f"[{letter.attachment}] " if letter.attachment else ""
        click.echo(f"{indent}{letter.id}  {printable(when)}  {printable(name + letter.title)}")
        click.echo(f"{indent}    from: {printable(letter.sender.label or '?')}")
        click.echo(f"{indent}    to:   {printable(letter.recipient.label or '?')}")
        extra = [f"marking: {letter.marking}"] if letter.marking else []
        extra += [f"{k}: {v}" for k, v in letter.references]
        extra.append(f"file: {letter.path}" + (f"#{letter.label}" if letter.label else ""))
        click.echo(f"{indent}    " + printable("; ".join(extra)))
        if letter.attached_to is not None:
            email = letter.attached_to
            others = len(listed.carried_by.get(letter.id, ())) - 1
            also = f" (and {others} other email{'s' if others > 1 else ''})" if others > 0 else ""
            sender = printable(email.sender.short or "?")
            click.echo(
                f"{indent}    attached to: the email '{printable(email.title)}' from {sender}, "
                f"{printable(email.date or 'undated')}{also}"
            )
        if letter.thread_id and thread_sizes[letter.thread_id] > 1:  # an email in a conversation
            size = thread_sizes[letter.thread_id]
            click.echo(f"{indent}    thread: {printable(letter.thread_id)} ({size} messages)")
        for child in children.get(letter.id, []):
            show(child, indent + "    ")

    for letter in letters:
        if letter.parent_id not in by_id:
            show(letter, "")
    count = sum(1 for lt in letters if lt.parent_id)
    tail = f", {count} of them attachments" if count else ""
    click.echo(f"{len(letters)} letters{tail} ({generation.name}, built {generation.manifest.built_at})")


# --- search --------------------------------------------------------------------------------
def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2009-12-04") from None


def queries(query: str) -> Iterator[str]:
    """One query, or one per non-empty line of standard input for `-`."""
    if query != "-":
        yield query
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def print_hits(query: str, hits: list[Hit]) -> None:
    click.echo(f"Search: {printable(query)}")
    if not hits:
        click.echo("  no passages match")
    for i, hit in enumerate(hits, start=1):
        letter, passage = hit.letter, hit.passage
        where = f"para {passage.paragraph}" if passage.paragraph else passage.kind
        if letter.pages > 1:
            where = f"p. {passage.page}, {where}"
        title, when = printable(letter.title), printable(letter.date or "undated")
        click.echo(f"\n[{i}] {title} — {when}, {printable(where)}  (score {hit.score:.4f})")
        sender, recipient = letter.sender.short or "?", letter.recipient.short or "?"
        click.echo(f"    {printable(sender)} → {printable(recipient)}")
        text = " ".join(passage.text.split())
        click.echo(f"    {printable(text[:400])}{'…' if len(text) > 400 else ''}")
    click.echo("")


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--sender/--recipient/--since/--until, handed to the command as one `filters` record."""
    from functools import wraps

    @wraps(func)
    def with_filters(
        *args: Any, sender: str | None, recipient: str | None, since: str | None, until: str | None, **kw: Any
    ) -> Any:
        from index.records import SearchFilters

        filters = SearchFilters(sender=sender, recipient=recipient, since=since, until=until)
        return func(*args, filters=filters, **kw)

    for option in reversed(
        [
            click.option(
                "--sender",
                help="Only letters whose sender (name, title, office, organisation) contains this.",
            ),
            click.option("--recipient", help="Only letters whose recipient contains this."),
            click.option("--since", callback=iso_date, help="Only letters dated on or after this ISO date."),
            click.option("--until", callback=iso_date, help="Only letters dated on or before this ISO date."),
        ]
    ):
        with_filters = option(with_filters)
    return with_filters


@cli.command("search")
@click.argument("query")
@click.option("-k", "k", type=click.IntRange(1, 1000), default=10, show_default=True, help="Results wanted.")
@filter_options
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query.")
def search_cmd(query: str, k: int, filters: SearchFilters, data_dir: Path | None, as_json: bool) -> None:
    """Hybrid keyword + meaning search; QUERY `-` reads one query per line from standard input."""
    from index.records import to_json

    reader = open_reader(make_settings(data_dir))  # the model loads once, for every query on stdin
    for text in queries(query):
        result = reader.search(text, k=k, filters=filters)
        if as_json:
            click.echo(json.dumps(to_json(result)))
        else:
            print_hits(text, list(result.hits))
        sys.stdout.flush()


# --- ask and eval ----------------------------------------------------------------------------
def print_answer(answer: Answer) -> None:
    click.echo(f"Q: {printable(answer.question)}\n")
    click.echo(printable(answer.text, lines=True))
    if answer.citations:
        click.echo("\nReferences")
        for c in answer.citations:
            click.echo(f"  [{c.n}] {printable(c.reference)}")
    if answer.related and not answer.answered:
        click.echo("\nRelated passages (not an answer)")
        for hit in answer.related[:5]:
            p = hit.passage
            where = f"para {p.paragraph}" if p.paragraph else p.kind
            text = " ".join(p.text.split())
            about = f"{hit.letter.title} ({hit.letter.date or 'undated'}, {where}): {text[:160]}"
            click.echo(f"  - {printable(about)}…")
    click.echo(f"\n(index {answer.generation})\n")


@cli.command("ask")
@click.argument("question")
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Passages read as evidence.")
@filter_options
@click.option(
    "--conversation",
    is_flag=True,
    help="With `-`: the lines are one conversation, each a follow-up of the last.",
)
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
def ask_cmd(
    question: str,
    k: int | None,
    filters: SearchFilters,
    conversation: bool,
    data_dir: Path | None,
    as_json: bool,
) -> None:
    """Answer QUESTION with verified quotes from the letters; `-` reads one question per line."""
    from assistant.assistant import QuestionError
    from assistant.records import Turn
    from index.records import to_json

    reader = open_reader(make_settings(data_dir))
    history: list[Turn] = []
    for text in queries(question):
        try:
            answer = reader.ask(text, history=history, filters=filters, k=k)
        except QuestionError as exc:
            fail(str(exc), 2)
        if conversation:
            history.append(Turn(answer.question))
        if as_json:
            click.echo(json.dumps(to_json(answer)))
        else:
            print_answer(answer)
        sys.stdout.flush()


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary and every outcome as JSON.")
@click.option("--min-hit3", type=float, default=0.0, show_default=True, help="Fail below this hit@3.")
@click.option("--min-mrr", type=float, default=0.0, show_default=True, help="Fail below this MRR.")
@click.option(
    "--max-wrong-answers", type=int, default=None, help="Fail when more unanswerable questions get an answer."
)
def eval_cmd(
    gold: Path,
    data_dir: Path | None,
    as_json: bool,
    min_hit3: float,
    min_mrr: float,
    max_wrong_answers: int | None,
) -> None:
    """Check the assistant against GOLD.jsonl ({"question", "letter" or null, "expect": [...]}).

    "letter" is a file name, a path or an email's Message-ID; optional "also" (other letters with the
    same text), "filters" ({sender, recipient, since, until}), "history", "kind" and "checked".
    """
    from assistant.evaluate import GoldError, evaluate, load_gold
    from index.records import to_json

    settings = make_settings(data_dir)
    try:
        questions = load_gold(gold)
    except GoldError as exc:
        fail(str(exc), 2)
    reader = open_reader(settings)
    summary = evaluate(
        questions, lambda q, turns, filters: reader.ask(q, history=turns, filters=filters), reader.letter_text
    )
    if as_json:
        click.echo(json.dumps(to_json(summary)))
    else:
        for o in summary.outcomes:
            if o.answerable:
                mark = "ok  " if o.rank and o.rank <= 3 else "MISS"
                detail = (
                    f"rank {o.rank}" if o.rank else ("not answered" if not o.answered else "wrong passage")
                )
            else:
                mark = "ok  " if not o.answered else "WRONG"
                detail = "refused" if not o.answered else "answered an unanswerable question"
            click.echo(f"{mark} {printable(o.question)} ({detail})")
        click.echo(
            f"\n{summary.questions} questions ({summary.answerable} answerable): "
            f"hit@1 {summary.hit_at_1:.2f}, hit@3 {summary.hit_at_3:.2f}, MRR {summary.mrr:.2f}, "
            f"phrases in top 3 {summary.phrases_in_top3:.2f}; "
            f"{summary.correct_refusals}/{summary.unanswerable} unanswerable refused, "
            f"{summary.wrong_answers} wrong answers; quotes exact {summary.quotes_exact:.0%}"
        )
    failures = []
    if summary.hit_at_3 < min_hit3:
        failures.append(f"hit@3 {summary.hit_at_3:.2f} < {min_hit3}")
    if summary.mrr < min_mrr:
        failures.append(f"MRR {summary.mrr:.2f} < {min_mrr}")
    if max_wrong_answers is not None and summary.wrong_answers > max_wrong_answers:
        failures.append(f"{summary.wrong_answers} wrong answers > {max_wrong_answers}")
    if summary.quotes_exact < 1.0:
        failures.append(f"only {summary.quotes_exact:.1%} of quotes are exact")
    if failures:
        fail("below thresholds: " + "; ".join(failures))


@cli.command("eval-meta")
@click.argument("truth", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--letters",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of the letter files (default: a 'letters' folder beside TRUTH, else TRUTH's folder).",
)
@click.option(
    "--part",
    type=click.Choice(["dev", "held", "all", "dev-a", "dev-b"]),
    default="all",
    show_default=True,
    help="Which part of the fixed split to score: dev (for tuning), held (never tuned on) or all;"
    " dev-a / dev-b halve dev (tune on one, check on the other).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the summary (and every miss) as one JSON object."
)
def eval_meta_cmd(truth: Path, letters: Path | None, part: str, as_json: bool) -> None:
    """Score sender, recipient and date read from each letter against TRUTH.jsonl (see ingest.meta_eval)."""
    from ingest.meta_eval import evaluate, table
    from ingest.pipeline import read_options

    settings = make_settings(None)
    try:
        result = evaluate(truth, letters, part=part, options=read_options(settings))  # type: ignore[arg-type]
    except ValueError as exc:
        fail(str(exc), 2)
    if as_json:
        misses = [dataclasses.asdict(o) for o in result.outcomes if not o.right]
        click.echo(json.dumps({**result.summary(), "misses": misses}))
        return
    click.echo(table([result]))
    for name, reason in result.failed:
        click.echo(f"could not read {name}: {reason}", err=True)


@cli.command("serve")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@data_dir_option
def serve_cmd(host: str | None, port: int | None, data_dir: Path | None) -> None:
    """Serve the web app: chat, letters, search and the JSON API (OpenAPI at /openapi.json)."""
    import uvicorn

    from web.app import create_app
    from web.server import config
    from web.users import single_user_mode

    settings = make_settings(data_dir, host=host, port=port)
    open_index(settings).close()  # a missing or mismatched index is reported before the server starts
    users = user_store(settings)
    if not users.any() and not is_loopback(settings.host):
        # Also with single sign-on: a proxy's names must be users, so with none this would serve
        # nobody beyond this machine, or (misconfigured) everybody.
        fail(
            f"no users are configured, so Letters serves only this machine (127.0.0.1), not "
            f"{settings.host}. Add users first: letters users add NAME --role admin --clearance "
            f"'{settings.levels().top_name()}'",
            2,
        )
    if settings.trusted_proxy_header and not users.any():
        click.echo(
            f"Single sign-on is on ({settings.trusted_proxy_header}) but no users exist: nobody can sign "
            "in until `letters users add` names them."
        )
    if single_user_mode(settings, users):
        click.echo("Single-user local mode: no users are configured, so no sign-in is asked and this")
        click.echo("machine's user sees every letter. Add users (`letters users add`) before serving others.")
    click.echo(
        f"Letters is serving {settings.data_dir} at http://{settings.host}:{settings.port}/ (Ctrl+C stops)"
    )
    uvicorn.Server(config(settings, create_app(settings))).run()


# --- users and audit -------------------------------------------------------------------------
def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def user_store(settings: Settings) -> Users:
    from web.users import Users

    return Users.from_settings(settings)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@cli.group("users")
def users_group() -> None:
    """Who may sign in to the web app, with which role and clearance."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["officer", "admin"]), required=True, help="officer or admin.")
@click.option("--clearance", required=True, help="Highest marking the user may see, e.g. OFFICIAL-SENSITIVE.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@data_dir_option
def users_add(name: str, role: str, clearance: str, password_stdin: bool, data_dir: Path | None) -> None:
    """Add a user (the password is asked for on the terminal)."""
    from web.users import UserError

    settings = make_settings(data_dir)
    try:
        user = user_store(settings).add(name, role, clearance, read_password(password_stdin))
    except UserError as exc:
        fail(str(exc), 2)
    click.echo(f"added {printable(user.name)} ({user.role}, cleared to {printable(user.clearance)})")


@users_group.command("list")
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
def users_list(data_dir: Path | None, as_json: bool) -> None:
    """List users with their role and clearance."""
    users = user_store(make_settings(data_dir)).all()
    if as_json:
        rows = [{"name": u.name, "role": u.role, "clearance": u.clearance} for u in users]
        click.echo(json.dumps({"users": rows}))
        return
    for u in users:
        click.echo(f"{printable(u.name):<20} {u.role:<8} {printable(u.clearance)}")
    if not users:
        click.echo("no users: `letters serve` runs in single-user local mode on 127.0.0.1")


@users_group.command("remove")
@click.argument("name")
@data_dir_option
def users_remove(name: str, data_dir: Path | None) -> None:
    """Remove a user (their sessions end at once)."""
    from web.users import UserError

    try:
        user_store(make_settings(data_dir)).remove(name)
    except UserError as exc:
        fail(str(exc), 2)
    click.echo(f"removed {printable(name)}")


@users_group.command("set-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@data_dir_option
def users_set_password(name: str, password_stdin: bool, data_dir: Path | None) -> None:
    """Set a user's password (and sign them out everywhere)."""
    from web.users import UserError

    try:
        user_store(make_settings(data_dir)).set_password(name, read_password(password_stdin))
    except UserError as exc:
        fail(str(exc), 2)
    click.echo(f"password set for {printable(name)}")


@cli.command("audit")
@click.option("--user", help="Only this user's entries.")
@click.option("--since", callback=iso_date, help="Only entries on or after this ISO date.")
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def audit_cmd(user: str | None, since: str | None, data_dir: Path | None, as_json: bool) -> None:
    """Read the audit log: sign-ins, questions, searches, letter views and exports."""
    from index.audit import read as read_audit

    settings = make_settings(data_dir)
    for entry in read_audit(settings.audit_path(), user=user, since=since):
        if as_json:  # ASCII JSON: C1 and bidi controls come out as \\u escapes too
            click.echo(json.dumps(entry))
            continue
        what = printable(entry.get("question") or entry.get("query") or "")
        letters_ = printable(", ".join(str(x) for x in entry.get("letters", [])))
        who, event = printable(entry.get("user")), printable(entry.get("event"))
        click.echo(f"{printable(entry.get('time'))}  {who:<16} {event:<15} {what}  [{letters_}]")


@cli.command("settings")
@data_dir_option
def settings_cmd(data_dir: Path | None) -> None:
    """Print every setting, its value and what it does (set them as LETTERS_<NAME>)."""
    settings = make_settings(data_dir)
    for name, value, help_text in settings.describe():
        click.echo(f"LETTERS_{name.upper():<18} {printable(value):<24} {help_text}")


def main() -> None:
    from index.embedding.base import ModelError

    try:
        cli(standalone_mode=True)
    except ModelError as exc:
        fail(str(exc))


if __name__ == "__main__":
    main()
