"""The comment page of a step or a checklist rule: its threads, and forms to start one, reply, resolve and reopen.

Every member may read and write comments, viewers and approvers included;
a thread is resolved or reopened by members who can change the project and
by the thread's author. An archived project is read-only for comments too.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage1.core.forms import GdsForm
from stage1.core.numbers import parse_int, parse_key
from stage1.core.versioning import Conflict
from stage1.projects.access import ARCHIVED, membership_for
from stage1.review.comments import Subject, comment_add, comment_resolve, comments_url, subject_or_404, threads_of
from stage1.review.models import Comment

EMPTY_COMMENT = gettext_lazy("Type your comment before adding it")
EMPTY_REPLY = gettext_lazy("Type your reply before sending it")
RESOLVE_REFUSED = gettext_lazy("Only members who can change the project, and the person who started the thread, can resolve or reopen it.")
RESOLVE_CONFLICT = gettext_lazy("Someone else resolved or reopened this thread after you opened the page. It is shown below as it is now.")


class CommentForm(GdsForm):
    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": EMPTY_COMMENT},
    )


class ReplyForm(CommentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = gettext_lazy("Your reply")
        self.fields["body"].error_messages["required"] = EMPTY_REPLY


def _thread_or_404(project, subject: Subject, value) -> Comment:
    thread = Comment.objects.filter(
        pk=parse_key(value), project=project, target=subject.target, target_slug=subject.slug, thread__isnull=True
    ).first()
    if thread is None:
        raise Http404("No such thread.")
    return thread


def _page(request: HttpRequest, membership, subject: Subject, *, new_form=None, replying=None, conflict_on=None, status=200):
    """The page, with the form that was sent (and its errors) in place of its empty one."""
    project = membership.project
    threads = threads_of(project, subject)
    can_comment = project.archived_at is None
    for thread in threads:
        thread.reply_form = (
            replying if replying is not None and replying.prefix == f"reply-{thread.pk}" else ReplyForm(prefix=f"reply-{thread.pk}")
        )
        thread.can_resolve = can_comment and (
            membership.can_write or (thread.author_id is not None and thread.author_id == request.user.pk)
        )
    context = {
        "project": project,
        "membership": membership,
        "subject": subject,
        "open_threads": [thread for thread in threads if not thread.is_resolved],
        "resolved_threads": [thread for thread in threads if thread.is_resolved],
        "can_comment": can_comment,
        "new_form": new_form or CommentForm(prefix="new"),
        "form_with_errors": next((form for form in (new_form, replying) if form is not None and form.errors), None),
        "conflict_on": conflict_on,
        "conflict_note": RESOLVE_CONFLICT if conflict_on else "",
    }
    return render(request, "review/comments.html", context, status=status)


@login_required
def comments_page(request: HttpRequest, slug: str, target: str, target_slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    subject = subject_or_404(membership.project, target, target_slug)
    if request.method != "POST":
        return _page(request, membership, subject)
    if membership.project.archived_at is not None:
        raise PermissionDenied(ARCHIVED)
    action = request.POST.get("action", "start")
    if action in ("resolve", "reopen"):
        return _resolve(request, membership, subject, resolved=action == "resolve")
    if action == "reply":
        thread = _thread_or_404(membership.project, subject, request.POST.get("thread"))
        form = ReplyForm(request.POST, prefix=f"reply-{thread.pk}")
    else:
        thread, form = None, CommentForm(request.POST, prefix="new")
    if not form.is_valid():
        return _page(request, membership, subject, new_form=None if thread else form, replying=form if thread else None)
    comment = comment_add(
        project=membership.project,
        user=request.user,
        target=subject.target,
        target_slug=subject.slug,
        body=form.cleaned_data["body"],
        thread=thread,
    )
    messages.success(request, _("Your reply was added.") if thread else _("Your comment was added."))
    return redirect(comments_url(membership.project, subject.target, subject.slug) + f"#comment-{comment.pk}")


def _resolve(request: HttpRequest, membership, subject: Subject, *, resolved: bool) -> HttpResponse:
    thread = _thread_or_404(membership.project, subject, request.POST.get("thread"))
    if not (membership.can_write or (thread.author_id is not None and thread.author_id == request.user.pk)):
        raise PermissionDenied(RESOLVE_REFUSED)
    try:
        comment_resolve(comment=thread, user=request.user, resolved=resolved, base_version=parse_int(request.POST.get("base_version")))
    except Conflict:
        return _page(request, membership, subject, conflict_on=thread.pk, status=409)
    messages.success(request, _("The thread is marked as resolved.") if resolved else _("The thread is open again."))
    return redirect(comments_url(membership.project, subject.target, subject.slug) + f"#thread-{thread.pk}")
