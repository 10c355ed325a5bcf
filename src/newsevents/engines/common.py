"""What both engines share: the item and result types, a process's peak RSS, and failing a batch."""

from __future__ import annotations

import resource
import sys
from typing import Sequence

from newsevents.records import Article, DocumentResult, Rejection

Item = Article | Rejection
Result = DocumentResult | Rejection


def max_rss_bytes() -> int:
    """This process's peak resident set size in bytes (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def failed_results(items: Sequence[Item], stage: str, reason: str) -> list[Result]:
    """One result per item: rejections stay as they are, articles become failed rejections."""
    out: list[Result] = []
    for it in items:
        if isinstance(it, Rejection):
            out.append(it)
        else:
            out.append(Rejection(it.id, it.path, "failed", stage, reason))
    return out
