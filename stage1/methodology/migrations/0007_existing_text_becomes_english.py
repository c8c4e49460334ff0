"""The method's existing text becomes its English text; published versions freeze it as English.

0006 added a column per language for every translated field, empty. Here the
text each row already had is copied into its English column, and every
published version's frozen content turns each text into {"en": text}: the
form versions.py reads, where a language without text is simply absent.
Backwards, the English text is written back, so nothing is lost either way.
"""

from django.db import migrations
from django.db.models import F

TRANSLATED = {
    "Stage": ("title", "summary"),
    "Rule": ("title", "summary", "guidance"),
    "Action": ("text",),
    "UsefulMaterial": ("name", "description"),
    "EvaluationQuestion": ("text", "hint"),
    "MethodologyVersion": ("notes",),
}


def _english(value):
    return {"en": value} if isinstance(value, str) and value else ({} if isinstance(value, str) else value)


def _back(value):
    return value.get("en", "") if isinstance(value, dict) else value


def _convert(content: dict, to) -> dict:
    stage = content.get("stage")
    if stage and "title" in stage:
        stage["title"] = to(stage["title"])
    for rule in content.get("rules", []):
        for name in ("title", "summary", "guidance"):
            if name in rule:
                rule[name] = to(rule[name])
        rule["actions"] = [to(action) for action in rule.get("actions", [])]
    for question in content.get("questions", []):
        for name in ("text", "hint"):
            if name in question:
                question[name] = to(question[name])
    return content


def _copy(apps, schema_editor, *, forwards: bool):
    alias = schema_editor.connection.alias
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("methodology", model_name)
        if forwards:
            # Only where the English column is still empty: running it again keeps English edited since.
            for name in fields:
                model.objects.using(alias).filter(**{f"{name}_en__isnull": True}).update(**{f"{name}_en": F(name)})
        else:
            for name in fields:
                model.objects.using(alias).exclude(**{f"{name}_en__isnull": True}).update(**{name: F(f"{name}_en")})
    MethodologyVersion = apps.get_model("methodology", "MethodologyVersion")
    for pk, content in MethodologyVersion.objects.using(alias).values_list("pk", "content"):
        # A bare UPDATE: published versions refuse save() by design.
        MethodologyVersion.objects.using(alias).filter(pk=pk).update(content=_convert(content, _english if forwards else _back))


def forwards(apps, schema_editor):
    _copy(apps, schema_editor, forwards=True)


def backwards(apps, schema_editor):
    _copy(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("methodology", "0006_text_in_four_languages"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
