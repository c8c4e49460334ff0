from django.urls import path

from stage1.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("<slug:slug>/checklist/", views.checklist, name="checklist"),
    # Before the rule pages: "version" would otherwise be read as a rule's slug.
    path("<slug:slug>/checklist/version/", views.version, name="version"),
    path("<slug:slug>/checklist/actions/", views.action_plan, name="actions"),
    path("<slug:slug>/checklist/actions/<int:action_id>/", views.action_change_page, name="action_change"),
    path("<slug:slug>/checklist/<slug:rule_slug>/", views.rule_answers, name="rule"),
    path("<slug:slug>/checklist/<slug:rule_slug>/<int:question_id>/", views.answer, name="answer"),
]
