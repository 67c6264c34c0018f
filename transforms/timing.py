"""Where a run's time goes: seconds per stage, summed as the work happens."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


def timed(items: Iterator, seconds: dict[str, float], stage: str) -> Iterator:
    """The items of an iterator, adding the time spent producing them to ``seconds[stage]``."""
    while True:
        started = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started
        yield item


@contextmanager
def stage(seconds: dict[str, float], name: str) -> Iterator[None]:
    """Add the time spent in the block to ``seconds[name]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started


def add_seconds(total: dict[str, float], more: dict[str, float]) -> None:
    for name, value in more.items():
        total[name] = total.get(name, 0.0) + value
