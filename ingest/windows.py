"""Embedding windows: a passage longer than the model reads at once is embedded in overlapping parts."""

from __future__ import annotations


def windows(text: str, words: int, overlap: int) -> list[str]:
    """Consecutive runs of at most `words` words sharing `overlap` words; short text is one window."""
    tokens = text.split()
    if len(tokens) <= words:
        return [" ".join(tokens)]
    step = max(1, words - overlap)
    out = []
    for start in range(0, len(tokens), step):
        out.append(" ".join(tokens[start : start + words]))
        if start + words >= len(tokens):
            break
    return out
