"""One name per concept: a step record is named after its step (model <Slug>Step, related name <slug>_step),
a key decision has a title, and the project's change counter is its revision."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_methodology_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Renamed, not recreated: every saved answer and its history is kept.
        migrations.RenameModel(old_name="InteropStep", new_name="InteroperabilityStep"),
        migrations.RenameModel(old_name="StakeholderStep", new_name="StakeholdersStep"),
        migrations.RenameModel(old_name="UserPathStep", new_name="UserPathsStep"),
        migrations.RenameModel(old_name="HistoricalInteropStep", new_name="HistoricalInteroperabilityStep"),
        migrations.RenameModel(old_name="HistoricalStakeholderStep", new_name="HistoricalStakeholdersStep"),
        migrations.RenameModel(old_name="HistoricalUserPathStep", new_name="HistoricalUserPathsStep"),
        migrations.AlterModelOptions(
            name="historicalinteroperabilitystep",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical interoperability step",
                "verbose_name_plural": "historical interoperability steps",
            },
        ),
        migrations.AlterModelOptions(
            name="historicalstakeholdersstep",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical stakeholders step",
                "verbose_name_plural": "historical stakeholders steps",
            },
        ),
        migrations.AlterModelOptions(
            name="historicaluserpathsstep",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical user paths step",
                "verbose_name_plural": "historical user paths steps",
            },
        ),
        migrations.RenameField(model_name="keydecision", old_name="decision", new_name="title"),
        migrations.RenameField(model_name="historicalkeydecision", old_name="decision", new_name="title"),
        migrations.RenameField(model_name="project", old_name="version", new_name="revision"),
        migrations.AlterField(
            model_name="journeystep",
            name="path",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="journey_steps", to="projects.userpath", verbose_name="User path"
            ),
        ),
        migrations.AlterField(
            model_name="needstep",
            name="project",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="need_step", to="projects.project"),
        ),
        migrations.AlterField(
            model_name="objectivestep",
            name="project",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="objective_step", to="projects.project"),
        ),
        migrations.AlterField(
            model_name="planstep",
            name="project",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="plan_step", to="projects.project"),
        ),
        migrations.AlterField(
            model_name="stakeholdersstep",
            name="project",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="stakeholders_step", to="projects.project"
            ),
        ),
        migrations.AlterField(
            model_name="interoperabilitystep",
            name="project",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="interoperability_step", to="projects.project"
            ),
        ),
        migrations.AlterField(
            model_name="userpathsstep",
            name="project",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="user_paths_step", to="projects.project"),
        ),
    ]
