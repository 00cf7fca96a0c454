"""A job for the scale-out test: each run appends one line to a file (O_APPEND writes of
one short line are whole, whichever process writes)."""

from __future__ import annotations

import os


def record(number: int) -> int:
    with open(os.environ["GONGKAI_JOB_PROBE"], "a") as out:
        out.write(f"{number} {os.getpid()}\n")
    return number
