"""A wall-clock limit per document, so that one input that sends a parser or a pattern into a
very long run costs its own row (an error) instead of stalling the rest of the batch.

The limit is a ``SIGALRM`` timer: the signal handler raises ``TimeLimitExceeded`` in the
running code. Python code and the ``re`` engine check for signals as they run, so both are
interrupted; a C library that does not check them (a single lxml parse call) is interrupted
when it returns. Signals reach only a process's main thread, so the limit applies where
``process`` runs in one (this process, or a ``--jobs`` worker process) and not in a Dask worker
thread, nor on a platform without ``setitimer`` (Windows).

A time limit makes the output depend on the machine's speed, so the default (60 s, where a
release takes milliseconds and a million-character text a few seconds) is meant never to be
reached by a document that would finish.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

DEFAULT_SECONDS = 60.0


class TimeLimitExceeded(BaseException):
    """A ``BaseException``, like ``KeyboardInterrupt``: the parsers' and extractors' own
    ``except Exception`` handlers (which turn a failure into that document's error) must not
    catch it, so that ``batch.process`` reports it as what it is."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"over the time limit of {seconds:g} s per document")
        self.seconds = seconds


def can_limit() -> bool:
    """Can a limit be set here (a platform with ``setitimer``, in the main thread)?"""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the enclosed code once ``seconds`` of wall time have passed
    (no limit when ``seconds`` is None or 0, or where ``can_limit`` says no). The previous
    handler and timer state are restored on the way out; an alarm that arrives after the code
    has finished is ignored."""
    if not seconds or not can_limit():
        yield
        return
    armed = True

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
