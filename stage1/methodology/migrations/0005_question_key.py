"""Evaluation questions get a data check key, which ties them to the checks of a project's data.

The shipped questions get their keys here too (matched by their shipped
text, so a question an owner has reworded is left for them to key in the
admin); published versions get them in their frozen content, as the rule
slug did in 0004: a key is an identifier, not wording.
"""

from django.db import migrations, models

# The shipped questions' text → key, as in fixtures/methodology.json.
SHIPPED_KEYS = {
    "Is the need backed by evidence such as complaints, volumes, costs or research?": "need-evidence",
    "Are the policy intent and the legal basis of the service identified?": "legal-basis",
    "Does every objective have an indicator with a baseline, a target and a date?": "indicators",
    "Has the decision to go ahead been taken and recorded, with who decided and when?": "go-decision",
    "Are the steps towards the objective listed in order, each with a deliverable?": "milestones",
    "Does every step have a named owner and a target date?": "milestone-owners",
    "Are there review gates where leadership decides whether to continue, change course or stop?": "review-gates",
    "Is there a register of stakeholders that includes regulators, suppliers and user representatives?": "stakeholder-register",
    "Does each stakeholder have one named contact point?": "contact-points",
    "Is it agreed who is responsible, accountable, consulted and informed for each key decision?": "raci",
    "Has the data protection officer been involved from the start?": "data-protection-officer",
    "Is one named person accountable for the service, with the authority to take decisions?": "accountable-lead",
    "Is each member's time on the project agreed with the organisation that employs them?": "time-agreed",
    "Is every data exchange with another body or system listed, with its direction and purpose?": "exchanges-listed",
    "Does every exchange of personal data have a legal basis?": "exchange-legal-basis",
    "Are the agreements or service levels each exchange needs identified, with their status?": "agreements",
    "Has the team done research with real users and recorded how it was done and what it found?": "user-research",
    "Is there a user path for each user group, covering the whole journey online and offline?": "user-paths",
}
# Two shipped questions are long: matched by their opening words.
SHIPPED_PREFIXES = {
    "Does the team cover the roles the work needs": "team-roles",
    "Are all user groups identified, including the staff": "user-groups",
}


def _key_for(text: str) -> str:
    return SHIPPED_KEYS.get(text) or next((key for prefix, key in SHIPPED_PREFIXES.items() if text.startswith(prefix)), "")


def forwards(apps, schema_editor):
    EvaluationQuestion = apps.get_model("methodology", "EvaluationQuestion")
    MethodologyVersion = apps.get_model("methodology", "MethodologyVersion")
    for question in EvaluationQuestion.objects.filter(key=""):
        if key := _key_for(question.text):
            EvaluationQuestion.objects.filter(pk=question.pk).update(key=key)
    keys = dict(EvaluationQuestion.objects.exclude(key="").values_list("pk", "key"))
    for version in MethodologyVersion.objects.all():
        content = version.content
        for question in content.get("questions", []):
            question.setdefault("key", keys.get(question["id"], ""))
        # A bare UPDATE: published versions refuse save() by design.
        MethodologyVersion.objects.filter(pk=version.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("methodology", "0004_rule_plan_slug"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationquestion",
            name="key",
            field=models.SlugField(
                blank=True,
                help_text="Ties the question to the checks of the project's data that can contradict an answer. Do not change it.",
                verbose_name="data check key",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
