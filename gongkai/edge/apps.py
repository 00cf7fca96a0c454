from django.apps import AppConfig


class EdgeConfig(AppConfig):
    """The public edge: what stands between a reader and the portal's pages — the page
    cache and the content version it keys on, what each process remembers per version,
    security headers, the site lookup, rate limits and CAPTCHA on public forms, and the
    503 page while the database is unavailable.

    Its label stays "ops", the app these modules and their two tables (rate counters, the
    content version) were first in: the tables and the migration history keep their names.
    """

    name = "gongkai.edge"
    label = "ops"
    verbose_name = "公开访问"

    def ready(self):
        from .badrequest import mend_wagtail
        from .captcha import sweep_throttle
        from .pagecache import connect_signals

        connect_signals()
        mend_wagtail()
        sweep_throttle()
