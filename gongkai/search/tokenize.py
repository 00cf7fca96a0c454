"""One tokenizer for both databases (pure: no Django).

Every character bigram of the normalized text is a token, punctuation included, so any
substring of two or more characters is found: its bigrams are all in the index (recall
by construction), and an exact substring check afterwards drops the rare documents that
hold the bigrams apart. jieba's search-mode words of the title are tokens too, for
ranking (segmenting whole bodies would triple indexing time and add no recall).

Tokens are written as plain ASCII words — "b" + the bigram's code points in hex, "w" +
a word's — so SQLite FTS5's standard tokenizer and PostgreSQL's to_tsvector('simple')
index them alike, whatever the characters.
"""

from __future__ import annotations

import logging
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_WORDS_ENABLED = True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII), lower case, one space for any
    run of white space, control characters dropped (a NUL in a query cannot even reach
    PostgreSQL). Index and query both go through this."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", _CONTROL.sub("", text or ""))).strip().lower()


def _hex(chunk: str) -> str:
    return "".join(f"{ord(ch):x}." for ch in chunk)[:-1].replace(".", "x")


def bigram_tokens(normalized: str) -> list[str]:
    return [f"b{_hex(normalized[i:i + 2])}" for i in range(len(normalized) - 1)]


def word_tokens(normalized: str) -> list[str]:
    if not _WORDS_ENABLED:
        return []
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return [f"w{_hex(word)}" for word in jieba.cut_for_search(normalized) if word.strip()]


def index_tokens(text: str, title: str = "") -> str:
    """The token string stored for a document: bigrams of all its text, words of its title."""
    return " ".join(bigram_tokens(normalize(text)) + word_tokens(normalize(title)))


def query_bigrams(query: str) -> list[str]:
    """The distinct bigram tokens a document must hold to contain `query` (empty for a
    query shorter than two characters: those take the slower path)."""
    return list(dict.fromkeys(bigram_tokens(normalize(query))))
