"""Publishing methodology versions: the service, the admin, the data migration and load_demo."""

from copy import deepcopy
from importlib import import_module
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from stage1.methodology.admin import NOTHING_CHANGED
from stage1.methodology.models import EvaluationQuestion, MethodologyVersion, Rule, Stage
from stage1.methodology.services import methodology_publish
from stage1.methodology.versions import compare, frozen_rules, latest_version, live_content
from stage1.projects.models import Project
from stage1.projects.services import project_create
from tests.content import fixture_questions

pytestmark = pytest.mark.usefixtures("methodology")

ADD_URL = "admin:methodology_methodologyversion_add"


def _stage() -> Stage:
    return Stage.objects.get(number=1)


def _english_only(content: dict) -> dict:
    english = import_module("stage1.methodology.migrations.0007_existing_text_becomes_english")
    return english._convert(deepcopy(content), lambda texts: {"en": texts["en"]} if texts.get("en") else {})


def _publish(user=None, notes: str = "") -> MethodologyVersion:
    return methodology_publish(stage=_stage(), user=user, notes=notes)


def test_publishing_freezes_the_live_rules_and_questions_as_version_1(methodology_owner):
    version = _publish(methodology_owner, notes="First")

    assert (version.number, version.published_by, version.notes) == (1, methodology_owner, "First")
    assert version.content == live_content()
    assert len(version.content["questions"]) == EvaluationQuestion.objects.count() == len(fixture_questions())
    assert [rule["slug"] for rule in version.content["rules"]] == list(Rule.objects.values_list("slug", flat=True))
    assert set(version.questions.values_list("pk", flat=True)) == set(EvaluationQuestion.objects.values_list("pk", flat=True))


def test_publishing_again_creates_the_next_number():
    _publish()
    second = _publish()

    assert second.number == 2
    assert latest_version() == second


def test_a_published_version_keeps_its_wording_when_the_admin_rows_change():
    version = _publish()
    question = EvaluationQuestion.objects.get(pk=version.content["questions"][0]["id"])
    before = question.text
    question.text = "Reworded after publishing"
    question.save()
    Rule.objects.filter(slug="need").update(title="Renamed rule")

    version = MethodologyVersion.objects.get(pk=version.pk)
    first_rule, first_questions = frozen_rules(version.content)[0]
    assert first_questions[0].text == before
    assert first_rule.title != "Renamed rule"


def test_a_published_version_cannot_be_saved_again():
    version = _publish()
    version.notes = "Changed later"

    with pytest.raises(ValueError):
        version.save()


def test_a_question_of_a_published_version_cannot_be_deleted():
    version = _publish()

    with pytest.raises(ProtectedError):
        EvaluationQuestion.objects.get(pk=version.content["questions"][0]["id"]).delete()


def test_a_retired_question_is_left_out_of_the_next_version():
    first = _publish()
    question = EvaluationQuestion.objects.get(pk=first.content["questions"][0]["id"])
    question.retired = True
    question.save()

    second = _publish()

    assert question.pk not in {q["id"] for q in second.content["questions"]}
    assert [q.pk for q in compare(first.content, second.content).dropped] == [question.pk]


def test_compare_tells_new_reworded_and_dropped_questions_apart():
    before = _publish().content
    rule = Rule.objects.get(slug="team")
    reworded = rule.questions.order_by("order").first()
    reworded.text = "Is the service owner named?"
    reworded.save()
    added = EvaluationQuestion.objects.create(rule=rule, order=9, text="Is the team's budget secured?")
    retired = Rule.objects.get(slug="need").questions.order_by("order").first()
    retired.retired = True
    retired.save()

    changes = compare(before, _publish().content)

    assert [q.pk for q in changes.new] == [added.pk]
    assert [(old.pk, new.text) for old, new in changes.reworded] == [(reworded.pk, "Is the service owner named?")]
    assert [q.pk for q in changes.dropped] == [retired.pk]
    assert not changes.unchanged


def test_new_projects_follow_the_latest_version(owner):
    assert project_create(user=owner, title="Before any version", organisation="City").methodology_version is None
    _publish()
    latest = _publish()

    assert project_create(user=owner, title="After two versions", organisation="City").methodology_version == latest


# The admin


def test_methodology_owner_can_publish_a_version_in_the_admin(methodology_owner, methodology_owner_client):
    page = methodology_owner_client.get(reverse(ADD_URL))
    assert page.status_code == 200
    assert list(page.context["adminform"].form.fields) == [f"notes_{lang}" for lang, _name in settings.LANGUAGES]
    assert "This will be the first published version." in page.text

    response = methodology_owner_client.post(
        reverse(ADD_URL), {"notes_en": "The method as agreed with the ministry.", "notes_pt": "O método acordado com o ministério."}
    )

    assert response.status_code == 302
    version = MethodologyVersion.objects.get()
    assert (version.number, version.published_by, version.notes) == (1, methodology_owner, "The method as agreed with the ministry.")
    with translation.override("pt"):
        assert version.notes == "O método acordado com o ministério."
    with translation.override("fr"):
        assert version.notes == "The method as agreed with the ministry."
    assert version.content == live_content()


def test_the_publish_page_lists_what_changed_since_the_latest_version(methodology_owner_client):
    _publish()
    question = EvaluationQuestion.objects.get(rule__slug="team", order=1)
    question.text = "Is the service owner named?"
    question.save()

    page = methodology_owner_client.get(reverse(ADD_URL))

    assert "Reworded question:</strong> Is the service owner named?" in page.text


def test_publishing_nothing_new_is_refused(methodology_owner_client):
    first = _publish()

    response = methodology_owner_client.post(reverse(ADD_URL), {"notes": "Again"})

    assert response.status_code == 200
    assert str(NOTHING_CHANGED % {"number": first.number}) in response.text
    assert MethodologyVersion.objects.count() == 1


def test_methodology_owner_sees_versions_with_their_question_counts(methodology_owner_client):
    _publish()

    response = methodology_owner_client.get(reverse("admin:methodology_methodologyversion_changelist"))

    assert response.status_code == 200
    assert [v.number for v in response.context["cl"].result_list] == [1]
    assert f'<td class="field-question_count">{len(fixture_questions())}</td>' in response.text


def test_methodology_owner_reads_a_version_but_cannot_change_it(methodology_owner_client):
    version = _publish(notes="Original notes")
    url = reverse("admin:methodology_methodologyversion_change", args=[version.pk])

    page = methodology_owner_client.get(url)
    assert page.status_code == 200
    assert EvaluationQuestion.objects.order_by("rule__number", "order").first().text in page.text
    assert 'name="_save"' not in page.text

    assert methodology_owner_client.post(url, {"notes": "Rewritten"}).status_code == 403
    version.refresh_from_db()
    assert version.notes == "Original notes"


def test_methodology_owner_cannot_delete_a_version(methodology_owner_client):
    version = _publish()
    url = reverse("admin:methodology_methodologyversion_delete", args=[version.pk])

    assert methodology_owner_client.get(url).status_code == 403
    assert methodology_owner_client.post(url, {"post": "yes"}).status_code == 403
    assert MethodologyVersion.objects.filter(pk=version.pk).exists()


def test_a_superuser_cannot_change_or_delete_a_version_either(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    version = _publish()

    assert client.post(reverse("admin:methodology_methodologyversion_change", args=[version.pk]), {"notes": "x"}).status_code == 403
    assert client.post(reverse("admin:methodology_methodologyversion_delete", args=[version.pk]), {"post": "yes"}).status_code == 403


def test_someone_outside_the_admin_cannot_publish(outsider_client):
    response = outsider_client.post(reverse(ADD_URL), {"notes": "Sneaky"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not MethodologyVersion.objects.exists()


# Existing databases and the demo


def test_the_data_migration_publishes_version_1_and_moves_every_project_to_it(owner):
    from importlib import import_module
    from types import SimpleNamespace

    migration = ("projects", "0005_methodology_version")
    publish_first_version = import_module(f"stage1.projects.migrations.{migration[1]}").publish_first_version
    state_apps = MigrationLoader(connection).project_state(migration).apps
    project = project_create(user=owner, title="Created before versions", organisation="City")
    assert project.methodology_version is None

    publish_first_version(state_apps, SimpleNamespace(connection=connection))
    publish_first_version(state_apps, SimpleNamespace(connection=connection))

    # Texts were single strings when this migration was written; methodology 0007 makes them English.
    english = ("methodology", "0007_existing_text_becomes_english")
    import_module(f"stage1.methodology.migrations.{english[1]}").forwards(
        MigrationLoader(connection).project_state(english).apps, SimpleNamespace(connection=connection)
    )
    version = MethodologyVersion.objects.get()
    assert version.number == 1
    # Questions had no data check key when this migration was written; methodology 0005 adds them later.
    expected = live_content()
    for question in expected["questions"]:
        del question["key"]
    # It froze the single text of its day, which is the English one now.
    assert version.content == _english_only(expected)
    assert version.questions.count() == len(fixture_questions())
    assert Project.objects.get(pk=project.pk).methodology_version == version


def test_load_demo_publishes_version_1_and_the_demo_projects_follow_it():
    out = StringIO()
    call_command("load_demo", "--i-know-this-is-not-production", stdout=out)

    assert "Published the methodology content as version 1." in out.getvalue()

    version = MethodologyVersion.objects.get()
    assert version.number == 1
    assert Project.objects.exists()
    assert all(project.methodology_version == version for project in Project.objects.all())


def test_the_key_migration_keys_the_shipped_questions_and_the_published_versions(owner, methodology):
    from importlib import import_module

    forwards = import_module("stage1.methodology.migrations.0005_question_key").forwards
    state_apps = MigrationLoader(connection).project_state(("methodology", "0005_question_key")).apps
    shipped = dict(EvaluationQuestion.objects.values_list("pk", "key"))
    reworded = EvaluationQuestion.objects.exclude(key="").first()
    EvaluationQuestion.objects.update(key="")
    # The migration reads the text's single column of its day; the English column is what publishing freezes.
    EvaluationQuestion.objects.filter(pk=reworded.pk).rewrite(False).update(text="Reworded by an owner", text_en="Reworded by an owner")
    version = methodology_publish(stage=Stage.objects.get(number=1), user=owner, notes="Before keys")
    content = version.content
    for question in content["questions"]:
        del question["key"]
    MethodologyVersion.objects.filter(pk=version.pk).update(content=content)

    forwards(state_apps, None)

    keyed = dict(EvaluationQuestion.objects.values_list("pk", "key"))
    assert keyed == {**shipped, reworded.pk: ""}
    frozen = {q["id"]: q["key"] for q in MethodologyVersion.objects.get(pk=version.pk).content["questions"]}
    assert frozen == {pk: keyed[pk] for pk in frozen}
