"""HTML letters and HTML-only emails → plain text whose blank lines mark the paragraphs.

Block elements become paragraphs, `<br>` a line break, list items "- " lines, table rows one line
with cells joined by " | ", and `<blockquote>` lines are prefixed "> " so a quoted earlier email
is recognised as a quote (ingest.conventions.quotes). Scripts, styles and the document head are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from index.records import Party, Person
from ingest.conventions.dates import parse_iso
from ingest.formats.document import Document, ReadError, ReadOptions, SourceFacts

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "pre", "address", "table", "ul", "ol", "dl", "dt", "dd", "hr", "form",
    "fieldset", "figure", "figcaption", "center", "body",
}  # fmt: skip
_DROP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object"}


class _Writer:
    """Collects lines; `gap()` asks for a blank line before the next text, `newline()` a line break."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current = ""
        self.want_gap = False
        self.quote = 0

    def text(self, words: str) -> None:
        if not words:
            return
        if not self.current:
            if self.want_gap and self.lines and self.lines[-1] != "":
                self.lines.append("")
            self.want_gap = False
            words = words.lstrip()
            if not words:
                return
            self.current = "> " * self.quote
        self.current += words

    def newline(self) -> None:
        if self.current.strip("> "):
            self.lines.append(self.current.rstrip())
        self.current = ""

    def gap(self) -> None:
        self.newline()
        self.want_gap = True

    def result(self) -> str:
        self.newline()
        return "\n".join(self.lines).strip("\n") + "\n"


def html_to_text(html: str | bytes) -> str:
    """The readable text of an HTML document or fragment."""
    soup = BeautifulSoup(html, "lxml")
    out = _Writer()
    _walk(soup, out, pre=False)
    return out.result()


def _walk(node: Tag, out: _Writer, *, pre: bool) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            if pre:
                for k, piece in enumerate(text.split("\n")):
                    if k:
                        out.newline()
                    out.text(piece)
            else:
                out.text(re.sub(r"\s+", " ", text))
            continue
        if not isinstance(child, Tag) or child.name in _DROP:
            continue
        name = child.name
        if name == "br":
            out.newline()
        elif name == "li":
            out.newline()
            out.text("- ")
            _walk(child, out, pre=pre)
            out.newline()
        elif name == "tr":
            out.newline()
            cells = [c for c in child.find_all(["td", "th"], recursive=False)]
            for k, cell in enumerate(cells):
                if k:
                    out.text(" | ")
                _walk(cell, out, pre=pre)
            out.newline()
        elif name == "blockquote":
            out.gap()
            out.quote += 1
            _walk(child, out, pre=pre)
            out.gap()
            out.quote -= 1
        elif name in _BLOCKS:
            out.gap()
            _walk(child, out, pre=pre or name == "pre")
            out.gap()
        else:
            _walk(child, out, pre=pre)


def _facts(soup: BeautifulSoup) -> SourceFacts:
    """<title>, <meta name="author"> and <meta name="date">: fallbacks for the letter conventions."""
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    meta = {
        str(m.get("name", "")).lower(): str(m.get("content", "")).strip()
        for m in soup.find_all("meta")
        if m.get("name") and m.get("content")
    }
    author = meta.get("author", "")
    when = meta.get("date") or meta.get("dcterms.created") or meta.get("dc.date") or ""
    return SourceFacts(
        title=title,
        date=parse_iso(when[:10]) if when else None,
        sender=Party(people=(Person(author),)) if author else Party(),
    )


def read_html(path: Path, options: ReadOptions) -> Document:
    data = path.read_bytes()
    try:
        soup = BeautifulSoup(data, "lxml")
        facts = _facts(soup)
        writer = _Writer()
        _walk(soup, writer, pre=False)
        text = writer.result()
    except RecursionError as exc:
        raise ReadError("damaged HTML (nested too deeply to read)") from exc
    if not text.strip():
        raise ReadError("empty: the page has no text")
    return Document(text=text, page_starts=(0,), source_kind="letter", facts=facts)
