"""The wizard's writes: one transaction each, versions bumped, conflicts detected."""

import pytest

from stage1.core.versioning import Conflict
from stage1.projects.models import Membership, NeedStep, Project, Role, Stakeholder
from stage1.projects.services import item_remove, item_save, project_create, step_restore, step_save
from stage1.projects.steps import STEPS, get_step
from tests.projects.factories import item_post, step_post

pytestmark = pytest.mark.django_db

NEED = get_step("need")
STAKEHOLDERS = get_step("stakeholders")
STAKEHOLDER = STAKEHOLDERS.item("stakeholder")


def _step_form(project, data):
    form = NEED.form_class(data, instance=NeedStep.objects.get(project=project), project=project)
    assert form.is_valid(), form.errors
    return form


def _stakeholder_form(project, data, instance=None):
    form = STAKEHOLDER.form_class(data, instance=instance or Stakeholder(project=project), project=project)
    assert form.is_valid(), form.errors
    return form


def test_project_create_makes_one_record_per_step_and_the_owner_membership(outsider):
    project = project_create(user=outsider, title="Report a pothole", organisation="City of Example", description="Roads.")

    assert (project.title, project.organisation, project.description, project.slug) == (
        "Report a pothole",
        "City of Example",
        "Roads.",
        "report-a-pothole",
    )
    for step in STEPS:
        record = step.model.objects.get(project=project)
        assert record.version == 1
    membership = Membership.objects.get(project=project)
    assert (membership.user, membership.role) == (outsider, Role.OWNER)


def test_project_create_gives_a_title_without_letters_an_address(outsider):
    project = project_create(user=outsider, title="¿¡!?", organisation="City")

    assert project.slug == "project"


def test_step_save_bumps_the_records_version_and_the_projects(project, editor):
    before = Project.objects.get(pk=project.pk).revision

    step_save(project=project, form=_step_form(project, step_post(project, "need")), user=editor)

    need = NeedStep.objects.get(project=project)
    assert need.version == 2
    assert need.updated_by == editor
    assert need.problem == step_post(project, "need")["problem"]
    assert Project.objects.get(pk=project.pk).revision == before + 1


def test_step_save_from_a_stale_version_raises_conflict_and_saves_nothing(project, owner, editor):
    stale = step_post(project, "need", problem="Editor's text")
    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="Owner's text")), user=owner)
    version = Project.objects.get(pk=project.pk).revision

    with pytest.raises(Conflict) as raised:
        step_save(project=project, form=_step_form(project, stale), user=editor)

    assert raised.value.current.problem == "Owner's text"
    assert raised.value.current.version == 2
    need = NeedStep.objects.get(project=project)
    assert (need.problem, need.version, need.updated_by) == ("Owner's text", 2, owner)
    assert Project.objects.get(pk=project.pk).revision == version


def test_step_save_from_the_users_own_earlier_version_raises_conflict_like_anyone_elses(project, editor):
    stale = step_post(project, "need", problem="Second thought, from the first tab")
    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="First thought")), user=editor)
    saved = NeedStep.objects.get(project=project)

    with pytest.raises(Conflict) as raised:
        step_save(project=project, form=_step_form(project, stale), user=editor)

    assert (raised.value.current.problem, raised.value.current.version) == ("First thought", saved.version)
    need = NeedStep.objects.get(project=project)
    assert (need.problem, need.version) == ("First thought", saved.version)


def test_step_save_from_the_version_just_saved_applies(project, editor):
    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="First thought")), user=editor)
    saved = NeedStep.objects.get(project=project).version

    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="Second thought")), user=editor)

    need = NeedStep.objects.get(project=project)
    assert (need.problem, need.version) == ("Second thought", saved + 1)


def test_item_save_assigns_positions_one_to_n(project, editor):
    for n in range(1, 5):
        item_save(project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder", n)), user=editor)

    assert list(Stakeholder.objects.filter(project=project).order_by("id").values_list("position", flat=True)) == [1, 2, 3, 4]
    assert set(Stakeholder.objects.values_list("updated_by", flat=True)) == {editor.pk}


def test_item_save_puts_a_new_item_after_the_last_even_after_a_removal(project, editor):
    for n in range(1, 4):
        item_save(project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder", n)), user=editor)
    second = Stakeholder.objects.get(position=2)
    item_remove(project=project, item=second, base_version=second.version, user=editor)

    saved = item_save(project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder", 4)), user=editor)

    assert saved.obj.position == 4


def test_item_positions_are_per_project(project, other_project, editor):
    saved = item_save(project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder")), user=editor)

    assert saved.obj.position == 1
    assert saved.obj.project == project


def test_item_save_of_a_change_bumps_versions(project, editor):
    before = Project.objects.get(pk=project.pk).revision
    added = item_save(
        project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder")), user=editor
    ).obj

    item_save(
        project=project,
        kind=STAKEHOLDER,
        form=_stakeholder_form(project, {"name": "Renamed", "kind": "other", "base_version": 1}, instance=added),
        user=editor,
    )

    added.refresh_from_db()
    assert (added.name, added.version) == ("Renamed", 2)
    assert Project.objects.get(pk=project.pk).revision == before + 2


def test_item_save_from_a_stale_version_raises_conflict_and_saves_nothing(project, owner, editor):
    added = item_save(project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder")), user=owner).obj
    stale = _stakeholder_form(
        project, {"name": "Editor's name", "kind": "other", "base_version": 1}, instance=Stakeholder.objects.get(pk=added.pk)
    )
    owners = _stakeholder_form(project, {"name": "Owner's name", "kind": "other", "base_version": 1}, instance=added)
    item_save(project=project, kind=STAKEHOLDER, form=owners, user=owner)

    with pytest.raises(Conflict) as raised:
        item_save(project=project, kind=STAKEHOLDER, form=stale, user=editor)

    assert raised.value.current.name == "Owner's name"
    current = Stakeholder.objects.get(pk=added.pk)
    assert (current.name, current.version, current.updated_by) == ("Owner's name", 2, owner)


def test_item_remove_bumps_the_projects_version(project, editor):
    added = item_save(
        project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder")), user=editor
    ).obj
    before = Project.objects.get(pk=project.pk).revision

    item_remove(project=project, item=added, base_version=added.version, user=editor)

    assert not Stakeholder.objects.exists()
    assert Project.objects.get(pk=project.pk).revision == before + 1


def test_item_remove_from_a_stale_version_raises_conflict_and_removes_nothing(project, editor):
    added = item_save(
        project=project, kind=STAKEHOLDER, form=_stakeholder_form(project, item_post(project, "stakeholder")), user=editor
    ).obj
    seen = added.version
    changed = _stakeholder_form(project, {"name": "Renamed in another tab", "kind": "other", "base_version": seen}, instance=added)
    item_save(project=project, kind=STAKEHOLDER, form=changed, user=editor)
    before = Project.objects.get(pk=project.pk).revision

    with pytest.raises(Conflict) as raised:
        item_remove(project=project, item=Stakeholder.objects.get(pk=added.pk), base_version=seen, user=editor)

    assert (raised.value.current.name, raised.value.current.version) == ("Renamed in another tab", seen + 1)
    assert Stakeholder.objects.get(pk=added.pk).version == seen + 1
    assert Project.objects.get(pk=project.pk).revision == before


def test_step_restore_puts_back_an_earlier_version_from_the_current_one(project, editor):
    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="First text")), user=editor)
    first = NeedStep.history.filter(project_id=project.pk).latest("history_date")
    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="Second text")), user=editor)
    current = NeedStep.objects.get(project=project).version

    step_restore(project=project, step=NEED, saved=first, base_version=current, user=editor)

    need = NeedStep.objects.get(project=project)
    assert (need.problem, need.version, need.updated_by) == ("First text", current + 1, editor)


def test_step_restore_from_a_stale_version_raises_conflict_and_restores_nothing(project, editor):
    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="First text")), user=editor)
    first = NeedStep.history.filter(project_id=project.pk).latest("history_date")
    seen = NeedStep.objects.get(project=project).version
    step_save(project=project, form=_step_form(project, step_post(project, "need", problem="Saved in another tab")), user=editor)

    with pytest.raises(Conflict) as raised:
        step_restore(project=project, step=NEED, saved=first, base_version=seen, user=editor)

    assert raised.value.current.problem == "Saved in another tab"
    need = NeedStep.objects.get(project=project)
    assert (need.problem, need.version) == ("Saved in another tab", seen + 1)
