from django.urls import path

from stage1.charter import views

app_name = "charter"

urlpatterns = [
    path("projects/<slug:slug>/charter/", views.charter_preview, name="preview"),
    path("projects/<slug:slug>/charter.pdf", views.charter_pdf, name="pdf"),
    path("projects/<slug:slug>/charter-older.pdf", views.charter_pdf_older, name="pdf_older"),
    path("projects/<slug:slug>/charter/render/", views.charter_retry, name="retry"),
    path("checklist/blank.pdf", views.blank_checklist_pdf, name="blank_checklist"),
    path("checklist/blank/render/", views.blank_checklist_retry, name="blank_checklist_retry"),
]
