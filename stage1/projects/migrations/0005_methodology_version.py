"""Projects follow a published methodology version.

Where methodology content exists and no version has been published yet, its
current state is published as version 1 and every project follows it, so
that existing projects keep the questions they answered from now on.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

NOTES = "Published automatically when methodology versions were introduced: the method as it was then."


def _content(stage):
    # A copy of stage1.methodology.versions.stage_content as it was when this
    # migration was written: migrations must not depend on code that changes.
    rules = list(stage.rules.order_by("number"))
    return {
        "stage": {"number": stage.number, "slug": stage.slug, "title": stage.title},
        "rules": [
            {
                "slug": rule.slug,
                "number": rule.number,
                "title": rule.title,
                "summary": rule.summary,
                "guidance": rule.guidance,
                "actions": [action.text for action in rule.actions.order_by("order", "id")],
            }
            for rule in rules
        ],
        "questions": [
            {"id": q.pk, "rule": rule.slug, "order": q.order, "text": q.text, "hint": q.hint, "framework": q.framework}
            for rule in rules
            for q in rule.questions.filter(retired=False).order_by("order", "id")
        ],
    }


def publish_first_version(apps, schema_editor):
    alias = schema_editor.connection.alias
    Stage = apps.get_model("methodology", "Stage")
    MethodologyVersion = apps.get_model("methodology", "MethodologyVersion")
    VersionQuestion = apps.get_model("methodology", "VersionQuestion")
    Project = apps.get_model("projects", "Project")

    stage = Stage.objects.using(alias).filter(number=1).first()
    if stage is None or not stage.rules.exists() or MethodologyVersion.objects.using(alias).filter(stage=stage).exists():
        return
    content = _content(stage)
    version = MethodologyVersion.objects.using(alias).create(
        stage=stage, number=1, published_at=timezone.now(), notes=NOTES, content=content
    )
    VersionQuestion.objects.using(alias).bulk_create(VersionQuestion(version=version, question_id=q["id"]) for q in content["questions"])
    # Every project is a Stage 1 project.
    Project.objects.using(alias).filter(methodology_version__isnull=True).update(methodology_version=version)


class Migration(migrations.Migration):
    dependencies = [
        ("methodology", "0003_methodology_versions"),
        ("projects", "0004_step_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="methodology_moved_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="methodology.methodologyversion",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="methodology_version",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="projects",
                to="methodology.methodologyversion",
            ),
        ),
        # Reversing leaves the version in place: the fields it filled are removed with the schema.
        migrations.RunPython(publish_first_version, migrations.RunPython.noop),
    ]
