"""Comment threads on a step or a checklist rule: what a comment can be attached to, the reads, and the writes.

A comment is attached to a target: a step of the registry ("step") or a rule
of the project's evaluation checklist ("rule"), named by its slug (a golden
rule shares its step's slug). A comment without a thread starts one; replies
point at it. Only the thread (its first comment) is resolved or reopened,
under the one conflict rule: two people acting on the same thread from the
same page see the second one refused.
"""

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stage1.core.versioning import claim
from stage1.evaluation.selectors import checklist_for
from stage1.projects.derived import review_cached
from stage1.projects.extensions import TargetLink
from stage1.projects.selectors import rules_for
from stage1.projects.steps import STEPS
from stage1.review import notifications
from stage1.review.models import Comment, CommentTarget
from stage1.review.selectors import open_threads

NO_SUCH_TARGET = gettext_lazy("No step or checklist rule at this address.")


@dataclass(frozen=True)
class Subject:
    """What a page of comments is about: a step or a checklist rule of one project."""

    target: str
    slug: str
    title: str
    # The step page, or the rule's section of the checklist.
    url: str

    @property
    def is_rule(self) -> bool:
        return self.target == CommentTarget.RULE


def comments_url(project, target: str, slug: str) -> str:
    return reverse("comments:page", kwargs={"slug": project.slug, "target": target, "target_slug": slug})


def subject_or_404(project, target: str, slug: str) -> Subject:
    """The step of the registry, or the rule of the project's checklist, that `target` and `slug` name; else 404."""
    if target == CommentTarget.STEP:
        step = STEPS.get(slug)
        if step is None:
            raise Http404(NO_SUCH_TARGET)
        rule = rules_for(project).get(slug)
        url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": slug})
        return Subject(target, slug, rule.title if rule else str(step.title), url)
    if target == CommentTarget.RULE:
        for group in checklist_for(project, with_findings=False).groups:
            if group.rule.slug == slug:
                url = reverse("evaluation:checklist", kwargs={"slug": project.slug}) + f"#rule-{slug}"
                return Subject(target, slug, group.rule.title, url)
    raise Http404(NO_SUCH_TARGET)


def subject_title(project, slug: str, rules: dict | None = None) -> str:
    """The title of a comment's step or rule as the project's method names it (the slug if it is no longer there)."""
    rule = (rules_for(project) if rules is None else rules).get(slug)
    if rule is not None:
        return rule.title
    step = STEPS.get(slug)
    return str(step.title) if step else slug


# Reads


def threads_of(project, subject: Subject) -> list[Comment]:
    """Every thread on the subject, oldest first, each with its replies in order."""
    return list(
        Comment.objects.filter(project=project, target=subject.target, target_slug=subject.slug, thread__isnull=True)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
    )


def _open_counts(project, target: str) -> dict[str, int]:
    """Open threads per step or rule of the project: every one, whichever slugs a page asks for (one value to keep)."""
    return dict(
        Comment.objects.filter(project=project, target=target, thread__isnull=True, resolved_at__isnull=True)
        .values("target_slug")
        .annotate(n=Count("id"))
        .values_list("target_slug", "n")
    )


def comment_links(project, target: str, slugs: list[str]) -> dict[str, list[TargetLink]]:
    """For the step page and the checklist: "Comments (N open)" beside each step or rule, in one query."""
    if target not in CommentTarget.values:
        return {}
    counts = review_cached(project, f"open-comment-counts:{target}", lambda: _open_counts(project, target))
    links = {}
    for slug in slugs:
        count = counts.get(slug, 0)
        label = ngettext("Comments (%(count)s open)", "Comments (%(count)s open)", count) % {"count": count}
        links[slug] = [TargetLink(comments_url(project, target, slug), label)]
    return links


@dataclass(frozen=True)
class OpenThread:
    """A thread as the task list lists it."""

    url: str
    subject: str
    first_words: str
    author: str
    created_at: object


def open_threads_for_task_list(project) -> list[OpenThread]:
    rules = rules_for(project)
    rows = []
    for thread in open_threads(project):
        title = subject_title(project, thread.target_slug, rules)
        if thread.target == CommentTarget.RULE:
            title = _("Checklist: %(rule)s") % {"rule": title}
        url = comments_url(project, thread.target, thread.target_slug) + f"#thread-{thread.pk}"
        rows.append(OpenThread(url, title, Truncator(thread.body).words(8), display_name(thread.author), thread.created_at))
    return rows


def display_name(user) -> str:
    if user is None:
        return _("A former member")
    return user.get_full_name() or user.get_username()


# Writes


@transaction.atomic
def comment_add(*, project, user, target: str, target_slug: str, body: str, thread: Comment | None = None) -> Comment:
    """A new thread on the target, or a reply to `thread` (which must be a thread of the same project and target).

    Comments are not the project's content: they do not bump its revision, so
    commenting on an approved project leaves it approved.
    """
    if thread is not None and (
        thread.project_id != project.pk or thread.thread_id is not None or (thread.target, thread.target_slug) != (target, target_slug)
    ):
        raise ValueError("A reply must answer a thread on the same step or rule of the same project.")
    comment = Comment.objects.create(project=project, thread=thread, target=target, target_slug=target_slug, author=user, body=body)
    transaction.on_commit(partial(notifications.commented, comment))
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, user, resolved: bool, base_version: int | None) -> Comment:
    """Mark the thread resolved (or open it again), if it is still at base_version; otherwise raise Conflict.

    Who may do it (members who can write, and the thread's author) is the view's decision.
    """
    claim(comment, base_version=base_version)
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = user if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    transaction.on_commit(partial(notifications.thread_resolved, comment, user))
    return comment
