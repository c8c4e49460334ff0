"""The data migrations that create the "Methodology owners" group and let it publish versions."""

import importlib
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

GROUP_MIGRATION = ("methodology", "0002_methodology_owners_group")
VERSIONS_MIGRATION = ("methodology", "0003_methodology_versions")
EDIT_CODENAMES = {
    f"{action}_{model}"
    for model in ("stage", "rule", "action", "usefulmaterial", "evaluationquestion")
    for action in ("view", "add", "change")
}
PUBLISH_CODENAMES = {"view_methodologyversion", "add_methodologyversion"}


def _group_codenames():
    group = Group.objects.get(name="Methodology owners")
    return {(p.content_type.app_label, p.codename) for p in group.permissions.select_related("content_type")}


def _run_python(migration):
    module = importlib.import_module(f"stage1.methodology.migrations.{migration[1]}")
    operation = module.Migration.operations[-1]
    assert operation.reversible
    state_apps = MigrationLoader(connection).project_state(migration).apps
    return operation, state_apps, SimpleNamespace(connection=connection)


def test_methodology_owners_may_edit_the_method_and_view_and_publish_versions_nothing_more(db):
    assert _group_codenames() == {("methodology", codename) for codename in EDIT_CODENAMES | PUBLISH_CODENAMES}


def test_methodology_owners_group_migration_can_be_reversed_and_reapplied(db):
    operation, state_apps, schema_editor = _run_python(GROUP_MIGRATION)

    operation.reverse_code(state_apps, schema_editor)
    assert not Group.objects.filter(name="Methodology owners").exists()

    operation.code(state_apps, schema_editor)
    assert _group_codenames() == {("methodology", codename) for codename in EDIT_CODENAMES}


def test_the_permission_to_publish_versions_can_be_revoked_and_granted_again(db):
    operation, state_apps, schema_editor = _run_python(VERSIONS_MIGRATION)

    operation.reverse_code(state_apps, schema_editor)
    assert _group_codenames() == {("methodology", codename) for codename in EDIT_CODENAMES}

    operation.code(state_apps, schema_editor)
    assert _group_codenames() == {("methodology", codename) for codename in EDIT_CODENAMES | PUBLISH_CODENAMES}


def test_the_plan_slug_migration_renames_the_rule_and_its_published_versions_and_reverses(methodology):
    from stage1.methodology.models import MethodologyVersion, Rule, Stage
    from stage1.methodology.services import methodology_publish

    version = methodology_publish(stage=Stage.objects.get(number=1), user=None)
    texts = [question["text"] for question in version.content["questions"]]
    operation, state_apps, schema_editor = _run_python(("methodology", "0004_rule_plan_slug"))

    operation.reverse_code(state_apps, schema_editor)
    old = MethodologyVersion.objects.get(pk=version.pk).content
    assert Rule.objects.filter(slug="steps").exists() and not Rule.objects.filter(slug="plan").exists()
    assert "steps" in {rule["slug"] for rule in old["rules"]} and "plan" not in {q["rule"] for q in old["questions"]}

    operation.code(state_apps, schema_editor)
    new = MethodologyVersion.objects.get(pk=version.pk).content
    assert Rule.objects.filter(slug="plan").exists() and not Rule.objects.filter(slug="steps").exists()
    assert new == version.content
    assert [question["text"] for question in new["questions"]] == texts


def test_the_english_text_migration_keeps_every_text_both_ways(methodology):
    from stage1.methodology.models import MethodologyVersion, Rule, Stage
    from stage1.methodology.services import methodology_publish

    version = methodology_publish(stage=Stage.objects.get(number=1), user=None)
    english = dict(Rule.objects.values_list("pk", "guidance_en"))
    operation, state_apps, schema_editor = _run_python(("methodology", "0007_existing_text_becomes_english"))

    operation.reverse_code(state_apps, schema_editor)
    old = MethodologyVersion.objects.get(pk=version.pk).content
    assert [q["text"] for q in old["questions"]] == [q["text"]["en"] for q in version.content["questions"]]
    assert dict(Rule.objects.rewrite(False).values_list("pk", "guidance")) == english

    # As before 0006 filled them: the English columns empty, the text in the single column.
    Rule.objects.update(guidance_en=None)
    operation.code(state_apps, schema_editor)
    assert dict(Rule.objects.values_list("pk", "guidance_en")) == english
    new = MethodologyVersion.objects.get(pk=version.pk).content
    assert [q["text"] for q in new["questions"]] == [{"en": q["text"]["en"]} for q in version.content["questions"]]
