from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.answer, name="answer"),
]
