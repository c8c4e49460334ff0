"""Golden rule 3 ("The steps") gets the slug "plan", the slug of its wizard step.

"steps" also named the wizard's pages and the steps of a user journey. The
slug is an identifier, not wording: it is changed in the rule and in the
frozen content of published versions alike, so that every version still
points at the step; the texts of the versions are untouched.
"""

from django.db import migrations

OLD, NEW = "steps", "plan"


def _rename(apps, old: str, new: str) -> None:
    Rule = apps.get_model("methodology", "Rule")
    MethodologyVersion = apps.get_model("methodology", "MethodologyVersion")
    Rule.objects.filter(stage__number=1, slug=old).update(slug=new)
    for version in MethodologyVersion.objects.filter(stage__number=1):
        content = version.content
        for rule in content.get("rules", []):
            if rule.get("slug") == old:
                rule["slug"] = new
        for question in content.get("questions", []):
            if question.get("rule") == old:
                question["rule"] = new
        # A bare UPDATE: published versions refuse save() by design.
        MethodologyVersion.objects.filter(pk=version.pk).update(content=content)


def forwards(apps, schema_editor):
    _rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("methodology", "0003_methodology_versions")]

    operations = [migrations.RunPython(forwards, backwards)]
