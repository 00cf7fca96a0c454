"""The one error of reading a file for the privacy gate (pure: no Django)."""

from __future__ import annotations


class UnreadableFile(Exception):
    """The file cannot be scanned; the message says why, in Chinese."""
