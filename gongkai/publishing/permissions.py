"""Wagtail's page permissions, narrowed by department for disclosure items."""

from __future__ import annotations

from wagtail.models import PagePermissionTester

from gongkai.org.policy import policy


class DepartmentPagePermissionTester(PagePermissionTester):
    """Wagtail's group permissions say what a role may do to pages at all; the policy
    says whether this item is theirs (a clerk of 财务处 cannot touch 教务处's items)."""

    def _theirs(self) -> bool:
        return policy.can(self.user, "item.edit", self.page)

    def can_edit(self):
        if self._theirs():
            return super().can_edit()
        # Not their department's item, but waiting at a step they review (a leader's 审定):
        # the editor opens for them, as Wagtail's own rule would.
        task = self.page.current_workflow_task
        return bool(self.user.is_active and task and task.user_can_access_editor(self.page, self.user))

    def can_delete(self, ignore_bulk=False):
        return self._theirs() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self._theirs() and super().can_unpublish()

    def can_publish(self):
        # 先审查、后公开: a revision goes out only after the office passed it (the end of
        # the workflow publishes it). Nobody publishes an unreviewed revision directly,
        # whatever their Wagtail permissions; withdrawing (unpublish) stays possible.
        return self._theirs() and super().can_publish() and self.page.latest_revision_reviewed()

    def can_submit_for_moderation(self):
        return self._theirs() and super().can_submit_for_moderation()

    def can_lock(self):
        return self._theirs() and super().can_lock()

    def can_unlock(self):
        return self._theirs() and super().can_unlock()

    def can_move(self):
        return self._theirs() and super().can_move()

    def can_copy(self):
        return self._theirs() and super().can_copy()

    def can_view_revisions(self):
        return self._theirs() and super().can_view_revisions()
