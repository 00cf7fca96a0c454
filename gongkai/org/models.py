"""The university's organisation: departments (部门/学院) and who holds which role in them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class Department(models.Model):
    """部门/学院 — an administrative office, a college or a directly affiliated unit.

    Departments are what publish (谁公开、谁负责): every disclosure item, application
    answer and letter reply belongs to one.
    """

    class Kind(models.TextChoices):
        OFFICE = "office", "职能部门"
        COLLEGE = "college", "学院"
        UNIT = "unit", "直属单位"

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.OFFICE)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The staff roles of the disclosure workflow.

    Campus users (staff and students who read 校内公开 items) hold no role: being
    signed in is what makes them campus users.
    """

    CLERK = "clerk", "信息员"
    HEAD = "head", "部门负责人"
    OFFICE = "office", "信息公开办审核员"
    LEADER = "leader", "分管领导"
    ADMIN = "admin", "系统管理员"
    SUPERVISOR = "supervisor", "省级督查员"   # reads and compares universities' reports


# Roles held in a department (the department is required) and roles held across the
# university (no department). A leader's memberships name the departments they oversee
# (分管); a leader membership with no department oversees all of them.
# Each workflow role is also a Django group, which is how Wagtail's page and document
# permissions reach it (set up in gongkai.publishing.setup). Administrators are superusers.
ROLE_GROUPS = {Role.CLERK: "信息员", Role.HEAD: "部门负责人", Role.OFFICE: "信息公开办",
               Role.LEADER: "分管领导"}
DEPARTMENT_ROLES = frozenset({Role.CLERK, Role.HEAD})
UNIVERSITY_ROLES = frozenset({Role.OFFICE, Role.ADMIN, Role.SUPERVISOR})


class Membership(models.Model):
    """A user's role, in a department where the role needs one."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
        verbose_name="用户",
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True,
        related_name="memberships", verbose_name="部门",
    )

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        constraints = [
            # Two partial constraints, because NULLs are distinct in a plain unique
            # index on both databases (and SQLite has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                fields=["user", "role", "department"], name="membership_unique_in_department",
                condition=models.Q(department__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role"], name="membership_unique_university_wide",
                condition=models.Q(department__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        where = self.department.name if self.department_id else "全校"
        return f"{self.user} · {self.get_role_display()} · {where}"

    def clean(self) -> None:
        if self.role in DEPARTMENT_ROLES and not self.department_id:
            raise ValidationError({"department": f"{Role(self.role).label}必须属于一个部门。"})
        if self.role in UNIVERSITY_ROLES and self.department_id:
            raise ValidationError({"department": f"{Role(self.role).label}是全校角色，不属于某个部门。"})



class PasswordRecord(models.Model):
    """When a user's password was last set (for the password age rule, org/accounts.py)."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_record")
    changed_at = models.DateTimeField(default=timezone.now)
