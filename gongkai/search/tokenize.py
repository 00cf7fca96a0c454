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

import functools
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


class _Tokens(dict):
    """Bigram → token, filled as bigrams are met: a corpus uses a few thousand distinct
    bigrams, so after the first items every token is a dictionary lookup."""

    def __missing__(self, bigram: str) -> str:
        token = self[bigram] = f"b{_hex(bigram)}"
        return token


_BIGRAM_TOKENS = _Tokens()


def bigram_tokens(normalized: str) -> list[str]:
    tokens = _BIGRAM_TOKENS
    if len(tokens) > 1_000_000:          # bounded, whatever is thrown at it
        tokens.clear()
    return [tokens[normalized[i:i + 2]] for i in range(len(normalized) - 1)]


@functools.lru_cache(maxsize=65536)
def _title_words(normalized: str) -> tuple[str, ...]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return tuple(f"w{_hex(word)}" for word in jieba.cut_for_search(normalized) if word.strip())


def word_tokens(normalized: str) -> list[str]:
    """jieba's search-mode words (of a title; titles repeat across years and issues, so
    they are cached)."""
    return list(_title_words(normalized)) if _WORDS_ENABLED else []


def index_tokens(text: str, title: str = "") -> str:
    """The token string stored for a document: the distinct bigrams of all its text (the
    index keeps no positions, so a repeated bigram adds nothing), words of its title."""
    return " ".join(dict.fromkeys(bigram_tokens(normalize(text)) + word_tokens(normalize(title))))


def query_bigrams(query: str) -> list[str]:
    """The distinct bigram tokens a document must hold to contain `query` (empty for a
    query shorter than two characters: those take the slower path)."""
    return list(dict.fromkeys(bigram_tokens(normalize(query))))
