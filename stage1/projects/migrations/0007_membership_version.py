"""A membership carries a version, so that role changes and removals follow the one conflict rule; existing ones start at 1."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_one_name_per_concept"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
