"""Who may read what: the scope rule every public path asks (pages, listings, feeds).

A reader is *campus* when signed in (staff and students are campus users) or visiting
from one of the campus networks in the ``GONGKAI_CAMPUS_NETWORKS`` setting. Campus
readers see 社会公开 and 校内公开 items; everybody else sees 社会公开 only. A finer scope
(党内公开, 中层干部内公开, ...) is read by the signed-in members of its reader groups
(`Scope.readers`), and by nobody else — not by campus networks, not anonymously.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.signals import m2m_changed

from gongkai.catalog.models import Scope
from gongkai.edge.addresses import client_address, is_campus_address
from gongkai.edge.memo import Remembered
from gongkai.org.policy import policy


@dataclass(frozen=True)
class Reader:
    is_campus: bool
    group_scopes: tuple[str, ...] = ()   # finer scopes read through group membership

    @property
    def scope_codes(self) -> tuple[str, ...]:
        base = (Scope.PUBLIC, Scope.CAMPUS) if self.is_campus else (Scope.PUBLIC,)
        return base + self.group_scopes

    def may_read(self, scope: Scope) -> bool:
        return scope.code in self.scope_codes


PUBLIC_READER = Reader(is_campus=False)


# Whether any scope has reader groups at all, remembered per process (`gongkai.edge.memo`,
# renewed by the content version that a change of reader groups bumps): most universities
# use no finer scope, and then a signed-in reader's page asks no query for them.
_scopes_have_readers = Remembered(60)
m2m_changed.connect(_scopes_have_readers.clear, sender=Scope.readers.through, dispatch_uid="gongkai-scope-readers")


def _group_scopes(request) -> tuple[str, ...]:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return ()
    if not _scopes_have_readers.get(request, None, Scope.readers.through.objects.exists):
        return ()
    return tuple(Scope.objects.filter(readers__user=user)
                 .exclude(code__in=[Scope.PUBLIC, Scope.CAMPUS])
                 .values_list("code", flat=True).distinct())


def reader_for(request) -> Reader:
    """The reader behind a request (cached on it)."""
    cached = getattr(request, "_gongkai_reader", None)
    if cached is None:
        campus = policy.can(request.user, "campus.read") or is_campus_address(
            client_address(request))
        cached = Reader(is_campus=campus, group_scopes=_group_scopes(request))
        request._gongkai_reader = cached
    return cached
