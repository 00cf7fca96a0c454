"""The search index: one entry per published item, kept current by publishing's signals."""

from __future__ import annotations

from datetime import datetime

from django.db import models

PAGE_ID_BITS = 31          # page ids are 32-bit integers in both databases


def sort_key(published: datetime, page_id: int) -> int:
    """An entry's key and its order: newest first is key descending. The publication
    second in the high bits, the page id in the low ones, so keys are unique and two
    items published in the same second fall back to page order."""
    seconds = max(0, int(published.timestamp()))
    return (seconds << PAGE_ID_BITS) | (page_id & ((1 << PAGE_ID_BITS) - 1))


# PostgreSQL's GIN index holds each entry's tokens and one more lexeme, its period: "t" and
# the number of PERIOD_SECONDS since 1970 of its publication, read off the key. A query can
# then ask for matches published in given periods only, and GIN reads the common bigrams'
# posting lists only where those periods' entries are (`query._postgres_page`).
PERIOD_SECONDS = 30 * 86400


def period(key: int) -> int:
    """The period of the entry with this key."""
    return (key >> PAGE_ID_BITS) // PERIOD_SECONDS


def postgres_document(alias: str | None = None) -> str:
    """The indexed expression (migration 0004), on the entries table (under `alias`)."""
    prefix = f"{alias}." if alias else ""
    return (f"to_tsvector('simple', {prefix}tokens || ' t' || "
            f"(({prefix}id >> {PAGE_ID_BITS}) / {PERIOD_SECONDS})::text)")


def key_bounds(start: datetime, end: datetime) -> tuple[int, int]:
    """The keys of everything published from `start` up to (not including) `end`."""
    return sort_key(start, 0), sort_key(end, 0) - 1


class SortKeyField(models.BigIntegerField):
    """A 64-bit key that, on SQLite, is the table's rowid (declared INTEGER, which SQLite
    makes an alias of the rowid only under that exact name): FTS5 then walks its matches
    in this order and joins them to the entries without a second index."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchEntry(models.Model):
    """What the portal's search reads. `id` is the sort key (see `sort_key`); `text` is
    the searchable text (title, body and attachments), normalized; `tokens` its tokens
    (see tokenize.py), indexed by FTS5 on SQLite (rowid = id, so matches come newest
    first) and by a GIN index on PostgreSQL (`postgres_document`)."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    id = SortKeyField(primary_key=True)
    page = models.OneToOneField("publishing.DisclosureItemPage", on_delete=models.CASCADE,
                                related_name="search_entry")
    scope = models.CharField(max_length=30)
    department_id = models.BigIntegerField(null=True)
    checklist_number = models.PositiveSmallIntegerField(null=True)
    category_number = models.PositiveSmallIntegerField(null=True)
    published = models.DateTimeField()
    title = models.CharField(max_length=255)
    text = models.TextField()
    tokens = models.TextField()


class QueryDay(models.Model):
    """What the public searched for on one day: the query (normalized) and how often, and
    how many results it had the last time (0: 搜而未得). Nothing about who searched
    (`stats`)."""

    query = models.CharField("检索词", max_length=50)
    day = models.DateField("日期", db_index=True)
    count = models.PositiveIntegerField("次数", default=0)
    found = models.PositiveIntegerField("结果数", default=0)

    class Meta:
        verbose_name = "检索词统计"
        verbose_name_plural = "检索词统计"
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="query_day_unique")]


class Synonym(models.Model):
    """同义词 — words the public uses for the same thing (学费 / 收费标准 / 学杂费): a search
    for one also lists what the others find."""

    words = models.CharField("同义词", max_length=200, unique=True,
                             help_text="两个或更多意思相同的词，用顿号、逗号或空格分隔，如：学费、收费标准、学杂费。")
    note = models.CharField("备注", max_length=100, blank=True)

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.words

    @property
    def word_list(self) -> list[str]:
        import re

        return [w for w in (w.strip() for w in re.split(r"[、，,；;\s]+", self.words)) if w]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(set(self.word_list)) < 2:
            raise ValidationError({"words": "请至少填写两个不同的词。"})


class HiddenTerm(models.Model):
    """A query the office keeps off the portal's 热搜词 (a person's name, an unkind word)."""

    query = models.CharField("检索词", max_length=50, unique=True)

    class Meta:
        verbose_name = "不显示的热搜词"
        verbose_name_plural = "不显示的热搜词"

    def __str__(self) -> str:
        return self.query
