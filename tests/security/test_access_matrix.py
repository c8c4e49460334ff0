"""Every project-scoped URL × every persona × GET and POST, generated from the URL configuration.

A new URL that takes a project and has no rule here fails
`test_every_project_url_has_an_access_rule`, so access control is decided
for each page on purpose.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from stage1.charter.models import RenderedCharter
from stage1.evaluation.models import Action, Answer
from stage1.members.services import invitation_create
from stage1.methodology.models import EvaluationQuestion
from stage1.projects.models import Stakeholder
from stage1.review.models import ApprovedVersion, Review

# How each project page behaves: READ pages are open to every member;
# WRITE pages (forms that change the project) refuse viewers with 403;
# OWNER pages (members, archive, delete) refuse editors and viewers with 403;
# MEMBER_POSTS pages take every member's POST, viewers' included: comments are not the project's content,
# and on the review page what a POST may do depends on who posts (owners submit, approvers decide).
# MEMBER_ASKS addresses are a button's (POST only): every member who can read may press it ("Try again").
READ, WRITE, OWNER, MEMBER_POSTS, MEMBER_ASKS = "read", "write", "owner", "member-posts", "member-asks"
RULES = {
    "projects:task_list": READ,
    "projects:check_answers": READ,
    "projects:check_answers_print": READ,
    "projects:raci_grid": READ,
    "projects:step": READ,  # viewers read it; their POST is refused
    "projects:item_add": WRITE,
    "projects:item_change": WRITE,
    "projects:item_remove": WRITE,
    "evaluation:checklist": READ,
    "evaluation:rule": WRITE,
    "evaluation:version": READ,  # viewers read the comparison; their POST is refused
    "evaluation:answer": READ,  # viewers read an answer's actions and data; their POST is refused
    "evaluation:actions": READ,
    "evaluation:action_change": WRITE,
    "charter:preview": READ,
    "history:project": READ,
    "history:restore_step": WRITE,
    "charter:pdf": READ,  # the stored PDF, or the page that waits for the worker (202)
    "charter:pdf_older": READ,
    "charter:retry": MEMBER_ASKS,
    "exchange:export_json": READ,
    "exchange:export_csv": READ,
    "exchange:import_stakeholders": WRITE,
    "members:list": READ,
    "members:add": OWNER,
    "members:role": OWNER,
    "members:remove": OWNER,
    "members:invitation_cancel": OWNER,
    "members:archive": OWNER,
    "members:unarchive": OWNER,
    "members:delete": OWNER,
    "projects:document_language": OWNER,
    "comments:page": MEMBER_POSTS,
    "review:review": MEMBER_POSTS,
    "review:approved_pdf": READ,
    "review:approved_pdf_retry": MEMBER_ASKS,
}
# Read-only pages answer POST with 405 Method Not Allowed, or, where the
# page has a form (the step page, the version page), with 403 for viewers.
GET_ONLY = {"charter:preview", "charter:pdf", "charter:pdf_older", "evaluation:actions", "review:approved_pdf"}
# Pages that may answer 202: nothing is stored yet and the worker is asked to render it.
PREPARING = {"charter:pdf"}
POST_AS_WRITE = {"projects:step", "projects:raci_grid", "evaluation:version", "evaluation:answer"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def project_urls():
    return sorted(name for name, entry in _walk(get_resolver().url_patterns) if "slug" in entry.pattern.converters)


def test_every_project_url_has_an_access_rule():
    missing = [name for name in project_urls() if name not in RULES]
    assert not missing, f"project URLs without an access rule: {missing}"


def _kwargs(name, project, stakeholder):
    pattern = dict(_walk(get_resolver().url_patterns))[name].pattern
    values = {
        "slug": project.slug,
        "step_slug": "stakeholders",
        "kind_slug": "stakeholder",
        "pk": stakeholder.pk,
        "rule_slug": "need",
        "history_id": project.stakeholders_step.history.earliest().history_id,
        "member_pk": project.memberships.get(role="editor").pk,
        "target": "step",
        "target_slug": "stakeholders",
    }
    if "question_id" in pattern.converters or "action_id" in pattern.converters:
        answer = Answer.objects.create(project=project, question=EvaluationQuestion.objects.filter(rule__slug="need").first(), choice="no")
        values["question_id"] = answer.question_id
        values["action_id"] = Action.objects.create(project=project, answer=answer, description="Collect volumes").pk
    if "major" in pattern.converters:
        review = Review.objects.create(project=project, major=0, minor=1, revision=project.revision, state="approved")
        ApprovedVersion.objects.create(
            project=project,
            review=review,
            major=1,
            revision=project.revision,
            approved_at=timezone.now(),
            pdf=b"%PDF-1.7",
            rendered_at=timezone.now(),
            fingerprint="0" * 16,
        )
        values["major"] = 1
    if name == "charter:pdf_older":
        RenderedCharter.objects.create(
            project=project, language="en", revision=project.revision, etag="", pdf=b"%PDF-1.7", rendered_at=timezone.now()
        )
    if "invitation_pk" in pattern.converters:
        values["invitation_pk"] = invitation_create(project=project, email="new@example.org", role="editor", invited_by=None).invitation.pk
    return {key: values[key] for key in pattern.converters}


@pytest.fixture
def stakeholder(project):
    return Stakeholder.objects.create(project=project, name="Ministry of Mobility", position=1)


def _expected(name, persona, method):
    rule = RULES[name]
    if persona == "anonymous":
        return 302
    if persona == "outsider":
        return 404
    if method == "POST" and name in GET_ONLY:
        return 405
    if rule == MEMBER_ASKS:
        return 405 if method == "GET" else 302
    if method == "GET" and name in PREPARING:
        return (200, 202)
    if rule == MEMBER_POSTS:
        return 200 if method == "GET" else (200, 302)
    if rule == OWNER and persona != "owner":
        return 403
    writing = rule == WRITE or (method == "POST" and name in POST_AS_WRITE)
    if persona == "viewer" and writing:
        return 403
    if method == "POST" and rule == READ and name not in POST_AS_WRITE:
        return 405
    return 200 if method == "GET" else (200, 302, 409)


PERSONAS = ["anonymous", "outsider", "viewer", "editor", "owner"]


@pytest.mark.parametrize("name", sorted(RULES))
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_project_url_access(name, persona, method, request, client, project, stakeholder, methodology):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    url = reverse(name, kwargs=_kwargs(name, project, stakeholder))
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected = _expected(name, persona, method)
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, f"{method} {url} as {persona}: {response.status_code}, expected {expected}"
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_extra_fields_in_a_post_cannot_move_an_item_to_another_project(editor_client, project, stakeholder, owner):
    from stage1.projects.services import project_create

    other = project_create(user=owner, title="Another project", organisation="Elsewhere")
    url = reverse(
        "projects:item_change",
        kwargs={"slug": project.slug, "step_slug": "stakeholders", "kind_slug": "stakeholder", "pk": stakeholder.pk},
    )
    response = editor_client.post(
        url,
        {
            "base_version": stakeholder.version,
            "name": "Renamed",
            "kind": "public_body",
            "project": other.pk,
            "owner": editor_client.session.get("_auth_user_id"),
            "role": "owner",
            "version": 999,
            "position": 77,
        },
    )
    assert response.status_code == 302
    stakeholder.refresh_from_db()
    assert stakeholder.name == "Renamed"
    assert stakeholder.project_id == project.pk
    assert stakeholder.version == 2
    assert stakeholder.position == 1
    assert project.memberships.get(user__username="edith_editor").role == "editor"
