from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The privacy and secrecy gate (隐私与保密检查): `detect` and `documents` are pure."""

    name = "gongkai.privacy"
    label = "privacy"
    verbose_name = "隐私与保密检查"

    def ready(self):
        from django.conf import settings

        from . import ocr

        # Recognised text of scanned pages, kept between scans (see ocr.py).
        ocr.CACHE_DIR = settings.DATA_DIR / "cache" / "ocr"
