from django.urls import path

from stage1.projects.views import items, language, projects, raci, steps

app_name = "projects"

urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_new, name="new"),
    path("<slug:slug>/", projects.task_list, name="task_list"),
    path("<slug:slug>/check-your-answers/", projects.check_answers, name="check_answers"),
    path("<slug:slug>/check-your-answers/print/", projects.check_answers_print, name="check_answers_print"),
    path("<slug:slug>/language/", language.document_language, name="document_language"),
    path("<slug:slug>/raci/", raci.raci_grid, name="raci_grid"),
    path("<slug:slug>/steps/<slug:step_slug>/", steps.step_page, name="step"),
    path("<slug:slug>/steps/<slug:step_slug>/<slug:kind_slug>/add/", items.item_add, name="item_add"),
    path("<slug:slug>/steps/<slug:step_slug>/<slug:kind_slug>/<int:pk>/", items.item_change, name="item_change"),
    path("<slug:slug>/steps/<slug:step_slug>/<slug:kind_slug>/<int:pk>/remove/", items.item_remove_page, name="item_remove"),
]
