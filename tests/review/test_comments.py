"""Comment threads on a step or a checklist rule: who may read, write, reply, resolve; counts where they are shown."""

import pytest
from django.test import Client
from django.urls import reverse

from stage1.core.forms import TOO_LONG, say
from stage1.projects.models import Membership, Role
from stage1.projects.steps import STEPS
from stage1.review.comment_views import EMPTY_COMMENT, EMPTY_REPLY, RESOLVE_CONFLICT, RESOLVE_REFUSED
from stage1.review.comments import comment_add, comment_resolve
from stage1.review.models import Comment

pytestmark = pytest.mark.usefixtures("methodology")

STEP = STEPS[0]
MAX_BODY = Comment._meta.get_field("body").max_length


def page_url(project, target="step", slug=None):
    return reverse("comments:page", kwargs={"slug": project.slug, "target": target, "target_slug": slug or STEP.slug})


def start(project, user, body="Who counted the 40,000 applicants?", target="step", slug=None):
    return comment_add(project=project, user=user, target=target, target_slug=slug or STEP.slug, body=body)


def reply(thread, user, body="The call centre, in 2024."):
    return comment_add(project=thread.project, user=user, target=thread.target, target_slug=thread.target_slug, body=body, thread=thread)


@pytest.mark.parametrize("persona", ["owner", "editor", "viewer", "approver"])
def test_every_member_reads_the_threads_of_a_step(persona, request, project, owner):
    thread = start(project, owner)
    reply(thread, owner, "Answered below.")
    client = request.getfixturevalue(f"{persona}_client")

    response = client.get(page_url(project))

    assert response.status_code == 200
    assert thread.body in response.content.decode()
    assert "Answered below." in response.content.decode()
    assert "Oscar Owner" in response.content.decode()


@pytest.mark.parametrize("persona", ["owner", "editor", "viewer", "approver"])
def test_every_member_starts_a_thread_on_a_step(persona, request, project):
    client = request.getfixturevalue(f"{persona}_client")

    response = client.post(page_url(project), {"action": "start", "new-body": "Where does this figure come from?"})

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page_url(project) + f"#comment-{comment.pk}"
    assert comment.author == request.getfixturevalue(persona)
    assert (comment.target, comment.target_slug, comment.thread) == ("step", STEP.slug, None)


def test_a_viewer_starts_a_thread_on_a_checklist_rule(viewer_client, project):
    response = viewer_client.post(page_url(project, "rule", "need"), {"new-body": "Is the evidence recent enough?"})

    assert response.status_code == 302
    assert Comment.objects.get().target == "rule"


def test_an_outsider_gets_404_and_an_anonymous_user_is_sent_to_sign_in(outsider_client, project, owner):
    start(project, owner)

    assert outsider_client.get(page_url(project)).status_code == 404
    assert outsider_client.post(page_url(project), {"new-body": "Hello"}).status_code == 404
    response = Client().get(page_url(project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(("target", "slug"), [("step", "no-such-step"), ("rule", "no-such-rule"), ("charter", STEP.slug)])
def test_an_unknown_target_is_not_found(owner_client, project, target, slug):
    assert owner_client.get(page_url(project, target, slug)).status_code == 404


def test_a_reply_joins_its_thread_and_replies_show_in_order(editor_client, project, owner, viewer):
    thread = start(project, owner)
    reply(thread, viewer, "First answer")

    response = editor_client.post(page_url(project), {"action": "reply", "thread": thread.pk, f"reply-{thread.pk}-body": "Second answer"})

    assert response.status_code == 302
    assert list(thread.replies.values_list("body", flat=True)) == ["First answer", "Second answer"]
    page = editor_client.get(page_url(project)).content.decode()
    assert page.index("First answer") < page.index("Second answer")


def test_a_reply_to_a_thread_of_another_step_is_not_found(owner_client, project, owner):
    other = start(project, owner, slug=STEPS[1].slug)

    response = owner_client.post(page_url(project), {"action": "reply", "thread": other.pk, f"reply-{other.pk}-body": "Hi"})

    assert response.status_code == 404
    assert not other.replies.exists()


def test_an_empty_comment_is_refused_with_an_error_summary(viewer_client, project):
    response = viewer_client.post(page_url(project), {"action": "start", "new-body": "   "})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert str(EMPTY_COMMENT) in response.content.decode()
    assert not Comment.objects.exists()


def test_a_too_long_comment_is_refused_and_what_was_typed_is_kept(viewer_client, project):
    typed = "x" * (MAX_BODY + 1)

    response = viewer_client.post(page_url(project), {"action": "start", "new-body": typed})

    assert str(say(TOO_LONG, label="Comment", limit=f"{MAX_BODY:,}")) in response.content.decode()
    assert typed in response.content.decode()
    assert not Comment.objects.exists()


def test_an_empty_reply_is_refused_and_the_error_links_to_its_field(viewer_client, project, owner):
    thread = start(project, owner)

    response = viewer_client.post(page_url(project), {"action": "reply", "thread": thread.pk, f"reply-{thread.pk}-body": ""})

    assert str(EMPTY_REPLY) in response.content.decode()
    assert f'href="#id_reply-{thread.pk}-body"' in response.content.decode()
    assert not thread.replies.exists()


@pytest.mark.parametrize("persona", ["owner", "editor"])
def test_members_who_can_write_resolve_and_reopen_a_thread(persona, request, project, viewer):
    thread = start(project, viewer)
    client = request.getfixturevalue(f"{persona}_client")

    response = client.post(page_url(project), {"action": "resolve", "thread": thread.pk, "base_version": thread.version})

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == request.getfixturevalue(persona)
    client.post(page_url(project), {"action": "reopen", "thread": thread.pk, "base_version": thread.version})
    thread.refresh_from_db()
    assert not thread.is_resolved and thread.resolved_by is None


def test_the_author_of_a_thread_resolves_it_even_as_a_viewer(viewer_client, project, viewer):
    thread = start(project, viewer)

    viewer_client.post(page_url(project), {"action": "resolve", "thread": thread.pk, "base_version": thread.version})

    thread.refresh_from_db()
    assert thread.is_resolved


def test_a_viewer_cannot_resolve_someone_elses_thread(viewer_client, project, owner):
    thread = start(project, owner)

    response = viewer_client.post(page_url(project), {"action": "resolve", "thread": thread.pk, "base_version": thread.version})

    assert response.status_code == 403
    assert str(RESOLVE_REFUSED) in response.content.decode()
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_resolving_from_a_stale_page_is_a_conflict(owner_client, editor, project, owner):
    thread = start(project, owner)
    seen = thread.version
    comment_resolve(comment=Comment.objects.get(pk=thread.pk), user=editor, resolved=True, base_version=seen)

    response = owner_client.post(page_url(project), {"action": "reopen", "thread": thread.pk, "base_version": seen})

    assert response.status_code == 409
    assert str(RESOLVE_CONFLICT) in response.content.decode()
    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == editor


def test_nobody_comments_on_an_archived_project(owner_client, project):
    from django.utils import timezone

    project.archived_at = timezone.now()
    project.save(update_fields=["archived_at"])

    assert owner_client.get(page_url(project)).status_code == 200
    assert owner_client.post(page_url(project), {"new-body": "Late remark"}).status_code == 403
    assert not Comment.objects.exists()


def test_commenting_does_not_change_the_projects_revision(viewer_client, project):
    before = project.revision

    viewer_client.post(page_url(project), {"new-body": "A remark"})

    project.refresh_from_db()
    assert project.revision == before


def test_a_user_text_with_markup_is_shown_as_text(viewer_client, project, owner):
    start(project, owner, body="<script>alert(1)</script>")

    page = viewer_client.get(page_url(project)).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Counts where they are shown


def open_label(count):
    return f"Comments ({count} open)"


def test_the_step_page_links_to_its_comments_with_the_count_of_open_threads(viewer_client, project, owner):
    threads = [start(project, owner, body=f"Remark {n}") for n in range(3)]
    comment_resolve(comment=threads[0], user=owner, resolved=True, base_version=threads[0].version)
    start(project, owner, slug=STEPS[1].slug)
    still_open = Comment.objects.filter(target="step", target_slug=STEP.slug, thread=None, resolved_at=None).count()

    page = viewer_client.get(reverse("projects:step", kwargs={"slug": project.slug, "step_slug": STEP.slug})).content.decode()

    assert f'href="{page_url(project)}">{open_label(still_open)}</a>' in page


def test_each_rule_of_the_checklist_links_to_its_comments_with_its_count(viewer_client, project, owner):
    start(project, owner, target="rule", slug="need")
    start(project, owner, target="rule", slug="need")
    counts = {
        slug: Comment.objects.filter(target="rule", target_slug=slug, resolved_at=None).count() for slug in (STEPS[0].slug, STEPS[1].slug)
    }

    page = viewer_client.get(reverse("evaluation:checklist", kwargs={"slug": project.slug})).content.decode()

    for slug, count in counts.items():
        assert f'href="{page_url(project, "rule", slug)}">{open_label(count)}' in page


def test_the_task_list_lists_open_threads_with_their_target_first_words_and_author(viewer_client, project, owner, editor):
    step_thread = start(project, editor, body="One two three four five six seven eight nine ten")
    rule_thread = start(project, owner, body="Is the evidence recent?", target="rule", slug="need")
    done = start(project, owner, body="Already settled")
    comment_resolve(comment=done, user=owner, resolved=True, base_version=done.version)

    page = viewer_client.get(reverse("projects:task_list", kwargs={"slug": project.slug})).content.decode()

    assert f'href="{page_url(project)}#thread-{step_thread.pk}"' in page
    assert "One two three four five six seven eight…" in page
    assert f'href="{page_url(project, "rule", "need")}#thread-{rule_thread.pk}"' in page
    assert "Edith Editor" in page and "Oscar Owner" in page
    assert "Already settled" not in page


def test_a_removed_members_thread_still_shows(viewer_client, project, editor):
    start(project, editor, body="Written before leaving")
    Membership.objects.filter(project=project, role=Role.EDITOR).delete()

    assert "Written before leaving" in viewer_client.get(page_url(project)).content.decode()
