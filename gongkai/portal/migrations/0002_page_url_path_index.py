"""An index on Wagtail's page url_path: the portal routes a URL with one lookup by it
(PortalHomePage.route) instead of one query per level of the tree."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("wagtailcore", "0001_initial")]
    operations = [migrations.RunSQL(
        "CREATE INDEX IF NOT EXISTS portal_page_url_path ON wagtailcore_page (url_path)",
        "DROP INDEX IF EXISTS portal_page_url_path")]
