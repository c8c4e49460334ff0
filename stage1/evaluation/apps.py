from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "stage1.evaluation"
    verbose_name = _("Evaluation checklist")

    def ready(self):
        from stage1.evaluation.selectors import checklist_for
        from stage1.projects.extensions import NextPage, continues_after_check_answers, provides_task_list_context

        continues_after_check_answers(NextPage("evaluation:checklist", _("Continue to the evaluation checklist")))

        @provides_task_list_context
        def checklist(project) -> dict:
            # The task list shows the checklist's score only: findings are not needed there.
            return {"checklist": checklist_for(project, with_findings=False)}
