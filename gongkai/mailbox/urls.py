from django.urls import path

from . import views

app_name = "mailbox"
urlpatterns = [
    path("", views.index, name="index"),
    path("receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("letters/<str:number>/", views.published, name="published"),
    path("<slug:code>/", views.write, name="write"),
]
