from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The privacy and secrecy gate (隐私与保密检查): `detect` and `documents` are pure."""

    name = "gongkai.privacy"
    label = "privacy"
    verbose_name = "隐私与保密检查"
