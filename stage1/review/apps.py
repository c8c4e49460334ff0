from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "stage1.review"
    verbose_name = _("Review and approval")
    project_urls = "stage1.review.urls"

    def ready(self):
        from django.utils import timezone
        from django.utils.formats import date_format

        from stage1.charter.extensions import DocumentState, provides_document_state
        from stage1.projects.derived import review_cached
        from stage1.projects.extensions import provides_target_links, provides_task_list_context
        from stage1.review import signals  # noqa: F401  (connects the review revision's receivers)
        from stage1.review.comments import comment_links, open_threads_for_task_list
        from stage1.review.selectors import Status, approvals_of, document_state

        # "Comments (N open)" beside each step and each rule of the checklist.
        provides_target_links(comment_links)

        # Kept per revision and review revision (stage1.review.signals): no query once known.
        @provides_task_list_context
        def comment_threads(project) -> dict:
            threads = review_cached(project, "open-threads", lambda: open_threads_for_task_list(project))
            return {"open_comment_threads": threads}

        def kept_document_state(project):
            return review_cached(project, "document-state", lambda: document_state(project))

        @provides_task_list_context
        def review(project) -> dict:
            return {"document": kept_document_state(project)}

        @provides_document_state
        def document(project) -> DocumentState:
            """The charter's number, status and approvals, from the project's reviews.

            Read by every charter request (its key carries the state): kept like the task list's, so a
            download that is current costs no query for it.
            """
            state = kept_document_state(project)
            approved = state.status == Status.APPROVED
            approvals = []
            if approved:
                approvals = [
                    {"name": d.signed_name, "role": d.signed_role, "decided_at": d.decided_at} for d in approvals_of(state.approved.review)
                ]
            review = state.open_review or (state.approved.review if state.approved else None)
            cache_key = f"{state.status}:{state.label}:{review.pk if review else ''}:{review.version if review else ''}"
            status = state.status_label
            if approved:
                status = _("Approved on %(date)s") % {"date": date_format(timezone.localtime(state.approved.approved_at))}
            return DocumentState(state.label, str(status), approved, state.status == Status.DRAFT, approvals, cache_key)
