from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("found/", views.found_instead, name="found_instead"),
    path("withdraw/", views.withdraw, name="withdraw"),
]
