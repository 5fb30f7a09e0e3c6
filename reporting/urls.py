from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("inzending/<int:pk>/", views.submission_detail, name="submission"),
    path("inzending/<int:pk>/indienen/", views.submission_submit, name="submission_submit"),
    path("inzending/<int:pk>/antwoord/<int:entry_pk>/", views.entry_save, name="entry_save"),
    path(
        "inzending/<int:pk>/antwoord/<int:entry_pk>/vorig-jaar/",
        views.entry_copy_previous,
        name="entry_copy_previous",
    ),
    path(
        "inzending/<int:pk>/antwoord/<int:entry_pk>/geschiedenis/",
        views.entry_history,
        name="entry_history",
    ),
    path(
        "inzending/<int:pk>/antwoord/<int:entry_pk>/geschiedenis/<int:history_pk>/terugzetten/",
        views.entry_restore,
        name="entry_restore",
    ),
]
