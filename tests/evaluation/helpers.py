"""Addresses and form data shared by the checklist view tests."""

from html.parser import HTMLParser

from django.urls import reverse

from stage1.evaluation.models import Answer
from stage1.methodology.models import EvaluationQuestion


def checklist_url(project) -> str:
    return reverse("evaluation:checklist", kwargs={"slug": project.slug})


def rule_url(project, rule_slug: str = "need") -> str:
    return reverse("evaluation:rule", kwargs={"slug": project.slug, "rule_slug": rule_slug})


def questions(rule_slug: str = "need") -> list[EvaluationQuestion]:
    return list(EvaluationQuestion.objects.filter(rule__slug=rule_slug).order_by("order", "id"))


def answers_post(project, rule_slug: str = "need", action: str = "return", **by_question) -> dict:
    """What the rule page posts: every question of the rule, from the versions stored now.

    by_question maps a question's position in the rule ("q0", "q1"...) to (choice, evidence).
    """
    data = {"action": action}
    for n, question in enumerate(questions(rule_slug)):
        answer = Answer.objects.filter(project=project, question=question).first()
        choice, evidence = by_question.get(f"q{n}", (answer.choice, answer.evidence) if answer else ("", ""))
        data[f"answer_{question.pk}"] = choice
        data[f"evidence_{question.pk}"] = evidence
        data[f"version_{question.pk}"] = str(answer.version if answer else 0)
    return data


class _FormValues(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._chosen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if attrs.get("type") in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "")
                else:
                    self.values.setdefault(name, "")
            elif attrs.get("type") != "submit":
                self.values[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select, self._chosen = name, False
        elif tag == "option" and self._select and not self._chosen:
            # A browser sends the selected option, or the first one when none is selected.
            if "selected" in attrs:
                self.values[self._select], self._chosen = attrs.get("value", ""), True
            elif self._select not in self.values:
                self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str) -> dict[str, str]:
    """The values a browser would submit from the page's form fields (buttons aside)."""
    parser = _FormValues()
    parser.feed(html)
    # Django's Textarea widget starts its content with a newline, which browsers drop.
    return {name: value.removeprefix("\n") if name.startswith("evidence_") else value for name, value in parser.values.items()}
