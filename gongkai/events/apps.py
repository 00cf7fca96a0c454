from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "gongkai.events"
    label = "events"
    verbose_name = "事件日志"
    default_auto_field = "django.db.models.BigAutoField"
