"""Named points between the committed steps of long work, for crash tests.

``analyze`` passes a point at the start of each phase (``ingest``, ``annotate``,
``stories``) and after each committed step of story building (``stories.profiles``,
``stories.cluster``, ``stories.dates``, ``stories.reannotate``, ``stories.save``). Nothing
happens unless the environment asks for it:

- ``STORYLINE_CHECKPOINT_LOG=FILE`` appends ``<seconds since start> <name>`` per point (the
  crash tests read it to see which phase a run is in);
- ``STORYLINE_CHECKPOINT_STOP=NAME#N`` stops the process (SIGSTOP) at the N-th time it
  passes NAME, so that a test can kill it exactly there.

These are test hooks, not settings: they change no result.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from functools import lru_cache

LOG_ENV = "STORYLINE_CHECKPOINT_LOG"
STOP_ENV = "STORYLINE_CHECKPOINT_STOP"

_seen: Counter[str] = Counter()
_START = time.monotonic()


@lru_cache(maxsize=1)
def _hooks() -> tuple[str, str, int]:
    log = os.environ.get(LOG_ENV, "")
    name, _, count = os.environ.get(STOP_ENV, "").partition("#")
    return log, name, int(count) if count.isdigit() else 1


def checkpoint(name: str) -> None:
    """Pass the point ``name`` (a no-op unless a crash test asks for the hooks)."""
    log, stop, count = _hooks()
    if not (log or stop):
        return
    _seen[name] += 1
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{time.monotonic() - _START:.3f} {name}\n")
    if stop == name and _seen[name] == count:
        os.kill(os.getpid(), signal.SIGSTOP)
