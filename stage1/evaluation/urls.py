from django.urls import path

from stage1.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("<slug:slug>/checklist/", views.checklist, name="checklist"),
    path("<slug:slug>/checklist/<slug:rule_slug>/", views.rule_answers, name="rule"),
]
