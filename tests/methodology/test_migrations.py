"""The data migration that creates the "Methodology owners" group."""

import importlib
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

GROUP_MIGRATION = ("methodology", "0002_methodology_owners_group")
EXPECTED_CODENAMES = {
    f"{action}_{model}"
    for model in ("stage", "rule", "action", "usefulmaterial", "evaluationquestion")
    for action in ("view", "add", "change")
}


def _group_codenames():
    group = Group.objects.get(name="Methodology owners")
    return {(p.content_type.app_label, p.codename) for p in group.permissions.select_related("content_type")}


def test_methodology_owners_group_has_exactly_view_add_and_change_on_methodology(db):
    assert _group_codenames() == {("methodology", codename) for codename in EXPECTED_CODENAMES}


def test_methodology_owners_group_migration_can_be_reversed_and_reapplied(db):
    module = importlib.import_module("stage1.methodology.migrations." + GROUP_MIGRATION[1])
    operation = module.Migration.operations[0]
    assert operation.reversible
    state_apps = MigrationLoader(connection).project_state(GROUP_MIGRATION).apps
    schema_editor = SimpleNamespace(connection=connection)

    operation.reverse_code(state_apps, schema_editor)
    assert not Group.objects.filter(name="Methodology owners").exists()

    operation.code(state_apps, schema_editor)
    assert _group_codenames() == {("methodology", codename) for codename in EXPECTED_CODENAMES}
