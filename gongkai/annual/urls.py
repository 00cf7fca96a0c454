from django.urls import path

from . import public_views

app_name = "annual"
urlpatterns = [
    path("", public_views.archive, name="archive"),
    path("<int:pk>/", public_views.detail, name="detail"),
    path("<int:pk>/report.<str:fmt>", public_views.download, name="download"),
]
