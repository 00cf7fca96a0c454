from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operator commands that belong to no single domain (serve; later backup, restore)."""

    name = "gongkai.ops"
    label = "ops"
    verbose_name = "运维"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .captcha import sweep_throttle
        from .pagecache import connect_signals

        connect_signals()
        sweep_throttle()
