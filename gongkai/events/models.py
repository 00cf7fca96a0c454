"""The event log (操作日志): who did what, to what, when and why — append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from .chain import GENESIS, SM3, event_hash, normalized


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete a logged event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("事件日志只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("事件日志只能追加，不能删除。")

    def bulk_create(self, objs, *args, **kwargs):
        raise AppendOnlyError("事件日志逐条追加（每条都进入哈希链），不能批量写入。")


class Event(models.Model):
    """One state change of anything the platform keeps (item, application, letter,
    checklist, role). Rows are only ever inserted."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="操作人",
    )
    # Kept as text too, so the log still says who it was after a user is deleted.
    actor_label = models.CharField("操作人名称", max_length=150, blank=True)
    verb = models.CharField("操作", max_length=60, db_index=True)
    target_type = models.CharField("对象类型", max_length=100, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_label = models.CharField("对象", max_length=255, blank=True)
    reason = models.TextField("理由", blank=True)
    data = models.JSONField("详情", default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)
    algorithm = models.CharField("哈希算法", max_length=8, default=SM3, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "事件"
        verbose_name_plural = "事件日志"
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or '系统'} {self.verb} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("事件日志只能追加，不能修改。")
        # No savepoint of its own: inside a caller's transaction (an application and its
        # event), a failure here fails the caller's whole change, as it should, and the
        # section that holds SQLite's write lock is two statements shorter.
        with transaction.atomic(savepoint=False):
            # One writer at a time extends the chain: the head row is locked (SQLite's
            # immediate transactions serialize writers anyway).
            self.prev_hash = ChainHead.locked_last_hash()
            self.at = self.at or timezone.now()
            self.data = normalized(self.data)
            self.hash = self.compute_hash()
            super().save(*args, **kwargs)
            ChainHead.advance(self.hash)

    def compute_hash(self) -> str:
        return event_hash(self.prev_hash, at=self.at, actor_label=self.actor_label, verb=self.verb,
                          target_type=self.target_type, target_id=self.target_id, target_label=self.target_label,
                          reason=self.reason, data=self.data, algorithm=self.algorithm)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("事件日志只能追加，不能删除。")


class ChainHead(models.Model):
    """The last hash of the event chain and the number of events: a deleted tail shows."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64, default=GENESIS)
    count = models.BigIntegerField(default=0)

    # Both steps are one plain statement each: they run for every event while the chain (on
    # SQLite, the whole database) is locked, and building them through the query compiler
    # took longer than running them (0.3 ms each of an application's 1.7 ms under the
    # lock, bench/README.md).

    @classmethod
    def locked_last_hash(cls) -> str:
        """The last hash, the head row locked until the transaction ends (the row is made,
        at the chain's start, when there is none yet)."""
        table = connection.ops.quote_name(cls._meta.db_table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_hash FROM {table} WHERE id = 1{lock}")
            row = cursor.fetchone()
        if row is None:
            return cls.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS})[0].last_hash
        return row[0]

    @classmethod
    def advance(cls, last_hash: str) -> None:
        """Moves the head on by one event, to `last_hash` (inside the locking transaction)."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET last_hash = %s, count = count + 1 WHERE id = 1", [last_hash])
