"""Create the "Methodology owners" group.

Its members edit the method (stages, rules, actions, useful material and
evaluation questions) in the admin: they may view, add and change it, never
delete it, and they have no rights on users, groups or projects.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Methodology owners"
MODELS = ("stage", "rule", "action", "usefulmaterial", "evaluationquestion")
ACTIONS = ("view", "add", "change")
CODENAMES = {f"{action}_{model}" for model in MODELS for action in ACTIONS}


def create_group(apps, schema_editor):
    alias = schema_editor.connection.alias
    app_config = apps.get_app_config("methodology")
    # Permissions are normally created by post_migrate, after every migration
    # has run; on a fresh database they do not exist yet at this point.
    # create_permissions skips app configs without a models module, which is
    # the case for the historical ones migrations receive.
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_permissions(app_config, verbosity=0, using=alias, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.using(alias).filter(content_type__app_label="methodology", codename__in=CODENAMES))
    missing = CODENAMES - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing for the {GROUP_NAME} group: {', '.join(sorted(missing))}")
    group, _created = Group.objects.using(alias).get_or_create(name=GROUP_NAME)
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("methodology", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_group, delete_group),
    ]
