"""The Portuguese demo project: complete, ready for review, in Portuguese throughout, and created only once."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db.models import CharField, Count, Q, TextField

from stage1.demo import content_en, content_pt
from stage1.demo.project import ensure_demo
from stage1.evaluation.models import Choice
from stage1.evaluation.readiness import needs_plan, needs_reason, readiness_of
from stage1.evaluation.selectors import checklist_for
from stage1.methodology.models import Stage
from stage1.methodology.services import methodology_publish
from stage1.projects.models import Membership, Project, Role
from stage1.projects.selectors import project_progress
from stage1.projects.steps import STEPS

ITEM_KINDS = [kind for step in STEPS for kind in step.items]
DEMO = content_pt.DEMO


@pytest.fixture
def sponsor(db):
    return get_user_model().objects.create_user(username="sara_sponsor", first_name="Sara", last_name="Sponsor", password="x")


@pytest.fixture
def published(methodology):
    """The shipped method, published as the version new projects follow, as load_demo does."""
    return methodology_publish(stage=Stage.objects.get(number=1), user=None, notes="")


@pytest.fixture
def demo_pt(published, owner, editor, viewer, sponsor):
    return ensure_demo(DEMO, owner=owner, editor=editor, viewer=viewer, sponsor=sponsor)


def test_it_is_written_in_portuguese_under_its_own_title(demo_pt):
    assert demo_pt.language == "pt"
    assert (demo_pt.title, demo_pt.slug) == (DEMO.title, DEMO.slug)
    assert demo_pt.title == "Licenciamento de esplanadas"
    assert demo_pt.organisation.startswith("Município de Vila Nova de Lorem")


def test_every_step_is_complete(demo_pt):
    progress = project_progress(demo_pt)

    assert progress.all_complete, {item.step.slug: item.missing for item in progress.steps}
    assert all(item.record.version > 1 for item in progress.steps)


@pytest.mark.parametrize("kind", ITEM_KINDS, ids=lambda kind: kind.slug)
def test_every_list_has_items(demo_pt, kind):
    assert kind.model.objects.filter(project=demo_pt).exists()


def test_every_answer_and_item_passes_model_validation(demo_pt):
    for step in STEPS:
        step.model.objects.get(project=demo_pt).full_clean()
    for kind in ITEM_KINDS:
        for item in kind.model.objects.filter(project=demo_pt):
            item.full_clean()


def test_every_raci_decision_has_exactly_one_accountable(demo_pt):
    decisions = demo_pt.decisions.annotate(accountable=Count("assignments", filter=Q(assignments__responsibility="A")))

    assert decisions.exists()
    assert all(decision.accountable == 1 for decision in decisions)


def test_the_sponsor_is_one_of_its_stakeholders_and_the_lead_one_of_its_team(demo_pt):
    assert demo_pt.stakeholders_step.sponsor.project_id == demo_pt.pk
    assert demo_pt.team_step.lead.project_id == demo_pt.pk
    assert demo_pt.team_step.lead.role == "service_owner"


def test_it_is_ready_for_review_with_the_sponsor_as_approver(demo_pt, owner, editor, viewer, sponsor):
    readiness = readiness_of(demo_pt, checklist_for(demo_pt))

    assert readiness.ready, [str(blocker.message) for blocker in readiness.blockers]
    memberships = {m.user_id: (m.role, m.approver) for m in Membership.objects.filter(project=demo_pt)}
    assert memberships == {
        owner.pk: (Role.OWNER, False),
        editor.pk: (Role.EDITOR, False),
        viewer.pk: (Role.VIEWER, False),
        sponsor.pk: (Role.VIEWER, True),
    }


def test_every_question_of_its_method_is_answered_with_a_plan_or_a_reason_where_needed(demo_pt):
    rows = [row for group in checklist_for(demo_pt).groups for row in group.rows]

    assert rows
    assert all(row.choice for row in rows), [row.question.text for row in rows if not row.choice]
    assert not [row.question.text for row in rows if needs_plan(row) or needs_reason(row)]
    assert not [row.question.text for row in rows if row.contradiction and row.contradiction.open]
    # It shows the gaps and their action plan, not only "Yes".
    assert {Choice.NO, Choice.PARTLY} <= {row.choice for row in rows}
    assert demo_pt.actions.filter(done_on__isnull=True).exists() and demo_pt.actions.filter(done_on__isnull=False).exists()


def _texts(project) -> dict[str, str]:
    """Every text typed in the project, by where it is: its own fields, each step's answers, each item's; choices left out."""
    records = [project, *(step.model.objects.get(project=project) for step in STEPS)]
    records += [item for kind in ITEM_KINDS for item in kind.model.objects.filter(project=project)]
    records += [*project.answers.all(), *project.actions.all()]
    return {
        f"{record._meta.model_name}#{record.pk}.{field.name}": getattr(record, field.name)
        for record in records
        for field in record._meta.concrete_fields
        if isinstance(field, CharField | TextField) and not field.choices and getattr(record, field.name)
    }


def test_no_text_is_left_from_the_english_demo(demo_pt, owner, editor, viewer):
    english = set(_texts(ensure_demo(content_en.DEMO, owner=owner, editor=editor, viewer=viewer)).values())
    portuguese = _texts(demo_pt)

    assert len(portuguese) > len(ITEM_KINDS)
    assert {where: text for where, text in portuguese.items() if text in english} == {}


def test_its_texts_are_portuguese(demo_pt):
    texts = " ".join(_texts(demo_pt).values())

    for word in ("esplanada", "Balcão do Empreendedor", "iAP", "Autenticação.gov", "registo comercial", "utilizadores"):
        assert word in texts
    assert "encarregado de proteção de dados" in texts


@pytest.fixture
def loaded_twice(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    first = Project.objects.get(slug=DEMO.slug)
    counts = {kind.slug: kind.model.objects.filter(project=first).count() for kind in ITEM_KINDS}
    call_command("load_demo", stdout=StringIO())
    return first, counts


def test_loading_the_demo_twice_leaves_one_unchanged_portuguese_project(loaded_twice):
    first, counts = loaded_twice

    again = Project.objects.get(language="pt")
    assert again.pk == first.pk and again.revision == first.revision
    assert {kind.slug: kind.model.objects.filter(project=again).count() for kind in ITEM_KINDS} == counts
    assert Membership.objects.filter(project=again, user__username="demo-owner", role=Role.OWNER).exists()
    assert Membership.objects.filter(project=again, user__username="demo-sponsor", approver=True).exists()
    assert readiness_of(again, checklist_for(again)).ready


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_loading_the_demos_emails_nobody_even_once_committed(settings):
    # The review services send their emails when the transaction commits, which a test's own transaction never does.
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())

    assert Project.objects.filter(language="pt").exists()
    assert mail.outbox == []
