"""Published methodology versions; methodology owners may view and publish them.

Questions can be retired (left out of later versions) instead of deleted.
Publishing is adding a version: the group gets view and add, never change or
delete, because a published version is never edited.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP_NAME = "Methodology owners"
CODENAMES = {"view_methodologyversion", "add_methodologyversion"}


def grant_publishing(apps, schema_editor):
    alias = schema_editor.connection.alias
    app_config = apps.get_app_config("methodology")
    # As in 0002: permissions of a model created in this run do not exist yet.
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_permissions(app_config, verbosity=0, using=alias, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.using(alias).filter(content_type__app_label="methodology", codename__in=CODENAMES))
    if len(permissions) != len(CODENAMES):
        raise RuntimeError(f"Permissions missing for the {GROUP_NAME} group: {', '.join(sorted(CODENAMES))}")
    group, _created = Group.objects.using(alias).get_or_create(name=GROUP_NAME)
    group.permissions.add(*permissions)


def revoke_publishing(apps, schema_editor):
    alias = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(alias).filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.using(alias).filter(content_type__app_label="methodology", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("methodology", "0002_methodology_owners_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationquestion",
            name="retired",
            field=models.BooleanField(
                default=False,
                help_text="Left out of the next published version. Answers already given are kept.",
                verbose_name="no longer asked",
            ),
        ),
        migrations.CreateModel(
            name="MethodologyVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                ("published_at", models.DateTimeField(verbose_name="published on")),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="A few words for teams on what this version changes.", verbose_name="what changed"
                    ),
                ),
                ("content", models.JSONField(editable=False, verbose_name="content")),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
                (
                    "stage",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="versions", to="methodology.stage", verbose_name="stage"
                    ),
                ),
            ],
            options={
                "verbose_name": "methodology version",
                "verbose_name_plural": "methodology versions",
                "ordering": ["stage__number", "-number"],
                "get_latest_by": "number",
            },
        ),
        migrations.CreateModel(
            name="VersionQuestion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("question", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="methodology.evaluationquestion")),
                ("version", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="methodology.methodologyversion")),
            ],
            options={
                "verbose_name": "question of a methodology version",
                "verbose_name_plural": "questions of a methodology version",
            },
        ),
        migrations.AddField(
            model_name="methodologyversion",
            name="questions",
            field=models.ManyToManyField(
                editable=False, related_name="versions", through="methodology.VersionQuestion", to="methodology.evaluationquestion"
            ),
        ),
        migrations.AddConstraint(
            model_name="versionquestion",
            constraint=models.UniqueConstraint(fields=("version", "question"), name="version_question_once"),
        ),
        migrations.AddConstraint(
            model_name="methodologyversion",
            constraint=models.UniqueConstraint(fields=("stage", "number"), name="methodology_version_unique_number_per_stage"),
        ),
        migrations.RunPython(grant_publishing, revoke_publishing),
    ]
