from django.urls import path

from stage1.charter import views

app_name = "charter"

urlpatterns = [
    path("projects/<slug:slug>/charter/", views.charter_preview, name="preview"),
    path("projects/<slug:slug>/charter.pdf", views.charter_pdf, name="pdf"),
    path("checklist/blank.pdf", views.blank_checklist_pdf, name="blank_checklist"),
]
