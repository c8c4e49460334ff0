from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "stage1.evaluation"
    verbose_name = _("Evaluation checklist")

    def ready(self):
        from stage1.evaluation.readiness import readiness_of
        from stage1.evaluation.selectors import checklist_for
        from stage1.projects.derived import project_cached
        from stage1.projects.extensions import NextPage, continues_after_check_answers, provides_task_list_context

        continues_after_check_answers(NextPage("evaluation:checklist", _("Continue to the evaluation checklist")))

        @provides_task_list_context
        def checklist(project) -> dict:
            def compute() -> dict:
                # Findings included: an answer the data contradicts keeps the project from being ready.
                found = checklist_for(project, cached=True)
                return {"checklist_score": found.score, "readiness": readiness_of(project, found)}

            if project.methodology_version_id is None:
                # The live methodology's questions change without the project's revision: read them every time.
                return compute()
            # Answers and actions bump the revision, and a version's questions never change: one computation a revision.
            return project_cached(project, "task-list-checklist", compute)
