"""Reading scanned pages: text recognition (OCR) for the privacy gate (pure: no Django).

A page that is only a picture (a scanned PDF page, a JPG or PNG attachment) is never taken
as clean: its text is recognised with Tesseract and the simplified-Chinese model from
Debian (`tesseract-ocr`, `tesseract-ocr-chi-sim`, installed by the scripts; nothing is
downloaded at run time), through pytesseract. Where recognition cannot run, the caller
is told why (`unavailable_reason`) and reports the page as not checked.

Choices:
- Pages are read as one block of text (`--psm 6`): 公示 lists and rosters are tables,
  and Tesseract's automatic layout splits their columns apart, which separates an ID
  number from the words before it (身份证号、卡号) that decide its kind.
- Pages are rendered at 300 dpi in grey, the resolution scanners use for office work;
  a page that would exceed `MAX_PIXELS` is rendered smaller.
- Pages are straightened first (`skew_angle`: the turn, within ±4°, at which the rows of
  ink are sharpest): a page fed into a scanner a degree askew loses one number in ten
  otherwise, as the benchmark showed (bench/privacy_ocr.py).
- One Tesseract process per page, each on one thread (OMP_THREAD_LIMIT=1), as many at a
  time as the machine has cores: this is faster than Tesseract's own threads.
- Recognised text is cached by the rendered image's digest (with the model and
  settings), in `CACHE_DIR` when the platform sets one: a document is rescanned for
  every new revision of its item, and recognition is what costs.
- Within a web request recognition is limited (`deferring(pages)`): a page past the
  limit and not in the cache is *deferred*, reported as not checked yet, and the
  platform's worker reads it (publishing/jobs.py). A 200-page scan takes minutes; a
  request must answer in seconds.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import json
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

LANG = "chi_sim"
CONFIG = "--psm 6"
DPI = 300
MAX_PIXELS = 60_000_000      # larger images are refused (decompression bombs), pages rendered smaller
CACHE_DIR: Path | None = None  # set by the platform (apps.py) to a folder in its data directory

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
DEFERRED_REASON = "文字识别在后台进行，完成后自动重新检查"
# Pages that may still be recognised now, in this context (None: no limit).
_allowance: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("ocr_allowance", default=None)


@dataclass(frozen=True)
class Word:
    """A recognised word and its box, in the pixels of the straightened image (the image
    read, turned by `Recognised.angle`; `unrotate` turns a box back)."""

    text: str
    start: int               # offset of the word in `Recognised.text`
    box: tuple[int, int, int, int]   # left, top, right, bottom


@dataclass(frozen=True)
class Recognised:
    text: str
    words: tuple[Word, ...]
    angle: float = 0.0       # the page was turned by this (degrees, counter-clockwise) before reading

    def boxes(self, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """The boxes of the words that the text span [start, end) touches."""
        return [w.box for w in self.words if w.start < end and w.start + len(w.text) > start]


DEFERRED = Recognised("", ())   # what `recognise_in_order` gives for a page left for later


@contextlib.contextmanager
def deferring(pages: int):
    """Within the block, at most `pages` pages not in the cache are recognised; the others
    come back as DEFERRED."""
    token = _allowance.set([pages])
    try:
        yield
    finally:
        _allowance.reset(token)


def _may_recognise(image) -> bool:
    """Whether `image` is read now: no limit, in the cache, or the allowance not spent."""
    allowance = _allowance.get()
    if allowance is None or _cache_read(_cache_key(image)) is not None:
        return True
    if allowance[0] > 0:
        allowance[0] -= 1
        return True
    return False


def recognise_or_defer(image) -> Recognised:
    """`recognise(image)`, or DEFERRED when the allowance of `deferring` is spent."""
    return recognise(image) if _may_recognise(image) else DEFERRED


@functools.cache
def unavailable_reason() -> str | None:
    """Why recognition cannot run on this machine, or None when it can."""
    if os.environ.get("GONGKAI_OCR", "").lower() in {"0", "off", "no"}:
        return "文字识别已停用（GONGKAI_OCR=off）"
    import pytesseract

    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return "本机未安装文字识别程序（tesseract-ocr）"
    if LANG not in languages:
        return "本机未安装中文文字识别模型（tesseract-ocr-chi-sim）"
    return None


@functools.cache
def _engine() -> str:
    import pytesseract

    return f"tesseract {pytesseract.get_tesseract_version()} {LANG} {CONFIG}"


def recognise(image) -> Recognised:
    """The text of a PIL image, lines in reading order, with each word's box."""
    key = _cache_key(image)
    cached = _cache_read(key)
    if cached is not None:
        return cached
    import pytesseract
    from PIL import Image

    image = image.convert("L")
    angle = skew_angle(image)
    if angle:
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    data = pytesseract.image_to_data(image, lang=LANG, config=CONFIG, output_type=pytesseract.Output.DICT)
    parts: list[str] = []
    words: list[Word] = []
    offset, line = 0, None
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        here = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if parts:
            separator = "\n" if here != line else " " if _spaced(parts[-1][-1], text[0]) else ""
            parts.append(separator)
            offset += len(separator)
        line = here
        left, top = data["left"][i], data["top"][i]
        words.append(Word(text, offset, (left, top, left + data["width"][i], top + data["height"][i])))
        parts.append(text)
        offset += len(text)
    result = Recognised("".join(parts), tuple(words), angle)
    _cache_write(key, result)
    return result


def skew_angle(image, *, limit: float = 4.0, step: float = 0.2) -> float:
    """The turn (degrees) that makes a page's lines level: the angle at which the ink's row
    profile varies most (projection profile), tried on a quarter-size copy."""
    import numpy as np

    small = image.convert("L").resize((max(1, image.width // 4), max(1, image.height // 4)))
    best_angle, best_score = 0.0, -1.0
    steps = round(limit / step)
    for k in range(-steps, steps + 1):
        angle = k * step
        ink = 255 - np.asarray(small.rotate(angle, fillcolor=255), dtype=np.float32)
        score = float(ink.sum(axis=1).var())
        if score > best_score + 1e-6 * abs(best_score) or (k == 0 and score >= best_score):
            best_angle, best_score = angle, score
    return round(best_angle, 1)


def _spaced(before: str, after: str) -> bool:
    """Whether two words of a line keep a space between them. Tesseract cuts Chinese into
    words (身份 证 号); joined, the words before a number (身份证号, 卡号) read as written.
    Latin letters and digits keep their spaces: 139 1234 5678 is read as it was printed."""
    return before.isascii() and after.isascii()


def unrotate(box, angle: float, size) -> tuple[float, float, float, float]:
    """A word's box on the straightened picture, on the picture as rendered."""
    left, top, right, bottom = box
    pad = 4
    if not angle:
        return left - pad, top - pad, right + pad, bottom + pad
    cx, cy = size[0] / 2, size[1] / 2
    theta = math.radians(angle)
    xs, ys = [], []
    for x, y in ((left, top), (right, top), (left, bottom), (right, bottom)):
        dx, dy = x - cx, y - cy
        # PIL turned the page counter-clockwise by `angle` (y down): undo it.
        xs.append(cx + dx * math.cos(theta) - dy * math.sin(theta))
        ys.append(cy + dx * math.sin(theta) + dy * math.cos(theta))
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def recognise_in_order(items: Iterable, render: Callable, *, workers: int | None = None) -> Iterator:
    """(item, Recognised or None) for each item, in order. `render(item)` gives the PIL
    image to read, or None for an item with nothing to recognise; it is called here, in
    the caller's thread (PDF libraries are not thread-safe). The images are recognised in
    parallel, a few items ahead at most, so memory stays bounded."""
    workers = workers or os.cpu_count() or 1
    pending: deque[tuple[object, Future]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for item in items:
            image = render(item)
            if image is None or not _may_recognise(image):
                future: Future = Future()
                future.set_result(None if image is None else DEFERRED)
            else:
                future = pool.submit(recognise, image)
            pending.append((item, future))
            while len(pending) > 2 * workers or (pending and pending[0][1].done()):
                head, future = pending.popleft()
                yield head, future.result()
        while pending:
            head, future = pending.popleft()
            yield head, future.result()


# --- cache ----------------------------------------------------------------------------

def _cache_key(image) -> str:
    digest = hashlib.sha256()
    digest.update(f"{_engine()}|{image.mode}|{image.size}".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def _cache_read(key: str) -> Recognised | None:
    if CACHE_DIR is None:
        return None
    try:
        data = json.loads((CACHE_DIR / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        return Recognised(data["text"], tuple(Word(t, s, tuple(b)) for t, s, b in data["words"]), data["angle"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cache_write(key: str, result: Recognised) -> None:
    if CACHE_DIR is None:
        return
    folder = CACHE_DIR / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps({"text": result.text, "angle": result.angle, "words": [
            [w.text, w.start, list(w.box)] for w in result.words]}, ensure_ascii=False), encoding="utf-8")
        temporary.replace(folder / f"{key}.json")
    except OSError:
        pass   # a cache that cannot be written only costs time
