from django.urls import path

from stage1.exchange import views

app_name = "exchange"

urlpatterns = [
    path("import/", views.import_project, name="import_project"),
    path("<slug:slug>/export.json", views.export_project_json, name="export_json"),
    path("<slug:slug>/export/<slug:kind_slug>.csv", views.export_register_csv, name="export_csv"),
    path("<slug:slug>/import/stakeholders/", views.import_stakeholders, name="import_stakeholders"),
]
