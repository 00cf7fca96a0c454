"""What a process remembers across requests (`gongkai.ops.memo`), and the page cache's
content version that renews it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.ops import memo
from gongkai.ops.pagecache import content_version


def test_an_entry_is_renewed_by_a_newer_content_version_by_age_and_by_clear(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    loads = []
    remembered = memo.Remembered(60)

    def get(version=None):
        request = SimpleNamespace() if version is None else SimpleNamespace(**{memo.VERSION_ATTRIBUTE: version})
        return remembered.get(request, "key", lambda: loads.append(1) or len(loads))

    assert get(version=7) == 1
    assert get(version=7) == 1 and get() == 1            # the same version, or a request that saw none
    assert get(version=8) == 2                            # public content changed since: renewed
    clock[0] += 61
    assert get() == 3                                     # older than a minute
    remembered.clear()
    assert get() == 4


@pytest.mark.django_db
def test_a_view_restriction_changes_the_content_version(budget_items):
    from wagtail.models import PageViewRestriction

    item = budget_items["budget"]
    before = content_version()
    restriction = PageViewRestriction.objects.create(page=item, restriction_type="login")
    assert content_version() > before
    middle = content_version()
    restriction.delete()
    assert content_version() > middle
