from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "stage1.review"
    verbose_name = _("Review and approval")

    def ready(self):
        from stage1.projects.extensions import provides_target_links, provides_task_list_context
        from stage1.review.comments import comment_links, open_threads_for_task_list

        # "Comments (N open)" beside each step and each rule of the checklist.
        provides_target_links(comment_links)

        @provides_task_list_context
        def comment_threads(project) -> dict:
            return {"open_comment_threads": open_threads_for_task_list(project)}
