import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Charters stored per language and rendered by the worker; stored blank checklists; the renders people wait for."""

    dependencies = [
        ("charter", "0003_rendered_charter_label_and_fingerprint"),
        ("methodology", "0005_question_key"),
        ("projects", "0001_initial"),
    ]

    operations = [
        # Charters stored so far were all in English, the only language until now.
        migrations.AddField(
            model_name="renderedcharter",
            name="language",
            field=models.CharField(default="en", max_length=16),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="renderedcharter",
            name="project",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="rendered_charters", to="projects.project"),
        ),
        migrations.AlterField(
            model_name="renderedcharter",
            name="rendered_at",
            field=models.DateTimeField(),
        ),
        migrations.AddConstraint(
            model_name="renderedcharter",
            constraint=models.UniqueConstraint(fields=("project", "language"), name="rendered_charter_one_per_language"),
        ),
        migrations.CreateModel(
            name="RenderedChecklist",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=16)),
                ("etag", models.CharField(max_length=80, unique=True)),
                ("pdf", models.BinaryField()),
                ("rendered_at", models.DateTimeField()),
                (
                    "methodology_version",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="methodology.methodologyversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "rendered blank checklist",
                "verbose_name_plural": "rendered blank checklists",
            },
        ),
        migrations.CreateModel(
            name="RenderJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=120, unique=True)),
                ("target", models.CharField(max_length=80)),
                ("queued_at", models.DateTimeField()),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("failed_at", models.DateTimeField(blank=True, null=True)),
                ("error", models.CharField(blank=True, max_length=300)),
            ],
            options={
                "verbose_name": "queued render",
                "verbose_name_plural": "queued renders",
            },
        ),
    ]
