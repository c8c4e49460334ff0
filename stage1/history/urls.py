from django.urls import path

from stage1.history import views

app_name = "history"

urlpatterns = [
    path("<slug:slug>/history/", views.project_history_page, name="project"),
    path("<slug:slug>/history/<slug:step_slug>/<int:history_id>/restore/", views.restore_step, name="restore_step"),
]
