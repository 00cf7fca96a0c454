"""WSGI entry point for gunicorn (`gongkai serve` or `gunicorn gongkai.wsgi`)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

from gongkai.db import database_problem  # noqa: E402  (needs the app loaded)

_problem = database_problem()
if _problem:
    # One line in the log at start; the site answers 503 (gongkai.edge.unavailable) until
    # the database is there, then serves without a restart.
    print(f"gongkai: {_problem}", file=sys.stderr, flush=True)
