"""Text repair that keeps offsets (placeholder: identity; the full version replaces this file).

``repair(text)`` returns a :class:`RepairedText` whose ``text`` is what the NLP stage reads and whose
``to_original`` maps any clean span back to the ORIGINAL input text.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass(slots=True)
class RepairedText:
    original: str
    text: str
    offsets: array  # offsets[i] = index in original of clean char i; len(text) + 1 entries
    notes: tuple[str, ...] = ()
    dateline: tuple[int, int, str] | None = None  # (start, end, place text) in ORIGINAL offsets

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to the smallest original span covering it."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


def identity(text: str) -> RepairedText:
    return RepairedText(text, text, array("l", range(len(text) + 1)))


def repair(text: str) -> RepairedText:
    return identity(text)
