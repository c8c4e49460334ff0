"""The method in four languages: written per language in the admin, frozen in every language by a version,
read in the reader's language with English as the fallback, and what each language still lacks counted."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from stage1.methodology.coverage import TRANSLATIONS
from stage1.methodology.models import Action, EvaluationQuestion, MethodologyVersion, Rule, Stage
from stage1.methodology.services import methodology_publish
from stage1.methodology.versions import compare, frozen_rules, latest_version, live_content
from stage1.projects.services import project_create
from tests.content import fixture_rules
from tests.methodology.test_admin import _change_form_data

pytestmark = pytest.mark.usefixtures("methodology")

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PUBLISH_URL = "admin:methodology_methodologyversion_add"
NEW_PORTUGUESE_GUIDANCE = "Comece por ouvir doze pessoas que vivem o problema antes de escrever o que quer que seja."


def _stage() -> Stage:
    return Stage.objects.get(number=1)


def _frozen_rule(version: MethodologyVersion, slug: str, language: str):
    with translation.override(language):
        return next(rule for rule, _questions in frozen_rules(version.content) if rule.slug == slug)


def _in(client, url: str, language: str) -> str:
    """A page as a reader of `language` gets it: the language cookie wins over Accept-Language, both say the same."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _step_url(project, step_slug: str = "need") -> str:
    return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step_slug})


def _input_tag(page: str, name: str) -> str:
    match = re.search(rf'<(?:input|textarea)[^>]*\bname="{name}"[^>]*>', page)
    assert match, f"No input named {name}"
    return match.group(0)


# The admin


def test_the_rule_change_page_shows_each_text_in_the_four_languages(methodology_owner_client):
    shipped = next(rule for rule in fixture_rules() if rule["slug"] == "need")
    response = methodology_owner_client.get(reverse("admin:methodology_rule_change", args=[shipped["pk"]]))
    page = response.content.decode()
    form = response.context["adminform"].form

    for field in ("title", "summary", "guidance"):
        for language in LANGUAGES:
            name = f"{field}_{language}"
            assert form[name].value() == shipped[name], name
            assert f'lang="{language}"' in _input_tag(page, name)
            assert get_language_info(language)["name_local"] in str(form[name].label)
    # The English text is required, the translations are not: a missing one falls back to English.
    assert form.fields["title_en"].required and not form.fields["title_pt"].required


def test_the_actions_and_questions_of_a_rule_are_edited_in_the_four_languages_too(methodology_owner_client):
    rule = Rule.objects.get(slug="team")
    response = methodology_owner_client.get(reverse("admin:methodology_rule_change", args=[rule.pk]))
    inline_fields = {inline.formset.model: set(inline.formset.forms[0].fields) for inline in response.context["inline_admin_formsets"]}

    assert {f"text_{lang}" for lang in LANGUAGES} <= inline_fields[Action]
    assert {f"{name}_{lang}" for name in ("text", "hint") for lang in LANGUAGES} <= inline_fields[EvaluationQuestion]


# From the admin to a step page, through a published version and the move to it


def test_a_new_portuguese_guidance_shows_on_the_portuguese_step_page_once_the_project_moves_and_not_on_the_english_one(
    methodology_owner_client, owner, owner_client
):
    first = methodology_publish(stage=_stage(), user=None)
    project = project_create(user=owner, title="Licenças de ocupação da via pública", organisation="Câmara Municipal")
    rule = Rule.objects.get(slug="need")
    english_guidance = rule.guidance_en.split("\n")[0][:60]
    change_url = reverse("admin:methodology_rule_change", args=[rule.pk])
    data = _change_form_data(methodology_owner_client.get(change_url))
    data["guidance_pt"] = NEW_PORTUGUESE_GUIDANCE

    assert methodology_owner_client.post(change_url, data).status_code == 302
    published = methodology_owner_client.post(
        reverse(PUBLISH_URL), {"notes_en": "Portuguese guidance reworked.", "notes_pt": "Orientações revistas em português."}
    )
    assert published.status_code == 302
    second = latest_version()
    assert second.number == first.number + 1

    # Until the project moves, it reads the version it follows, in Portuguese too.
    assert NEW_PORTUGUESE_GUIDANCE not in _in(owner_client, _step_url(project), "pt")
    version_page = _in(owner_client, reverse("evaluation:version", kwargs={"slug": project.slug}), "pt")
    assert "Orientações revistas em português." in version_page
    moved = owner_client.post(reverse("evaluation:version", kwargs={"slug": project.slug}), {"version": str(second.number)})
    assert moved.status_code == 302

    portuguese, english = _in(owner_client, _step_url(project), "pt"), _in(owner_client, _step_url(project), "en")
    assert NEW_PORTUGUESE_GUIDANCE in portuguese
    assert NEW_PORTUGUESE_GUIDANCE not in english
    assert english_guidance in english


def test_a_version_published_earlier_keeps_its_text_in_every_language(owner, owner_client):
    version = methodology_publish(stage=_stage(), user=None)
    project = project_create(user=owner, title="Follows the first version", organisation="City")
    rule = Rule.objects.get(slug="need")
    published = {lang: getattr(rule, f"guidance_{lang}") for lang in LANGUAGES}

    Rule.objects.filter(pk=rule.pk).update(**{f"guidance_{lang}": f"Rewritten later ({lang})." for lang in LANGUAGES})
    Action.objects.filter(rule=rule).update(**{f"text_{lang}": f"A later action ({lang})." for lang in LANGUAGES})
    methodology_publish(stage=_stage(), user=None)

    version.refresh_from_db()
    for language in LANGUAGES:
        frozen = _frozen_rule(version, "need", language)
        assert frozen.guidance == published[language]
        assert f"A later action ({language})." not in frozen.actions
        page = _in(owner_client, _step_url(project), language)
        assert f"Rewritten later ({language})." not in page
        assert published[language].split("\n")[0][:40] in page


# Fallback to English


def test_a_text_missing_in_a_language_is_read_in_english_live_and_frozen(owner, owner_client):
    Rule.objects.filter(slug="team").update(guidance_el="", title_el=None)
    rule = Rule.objects.get(slug="team")
    with translation.override("el"):
        assert (rule.title, rule.guidance) == (rule.title_en, rule.guidance_en)

    version = methodology_publish(stage=_stage(), user=None)
    frozen_team = next(r for r in version.content["rules"] if r["slug"] == "team")
    assert "el" not in frozen_team["guidance"] and "el" not in frozen_team["title"]
    assert _frozen_rule(version, "team", "el").guidance == rule.guidance_en
    assert _frozen_rule(version, "team", "pt").guidance == rule.guidance_pt

    project = project_create(user=owner, title="Read in Greek", organisation="City")
    greek = _in(owner_client, _step_url(project, "team"), "el")
    assert rule.guidance_en.split("\n")[0][:40] in greek
    assert rule.summary_el[:40] in _in(owner_client, reverse("projects:task_list", kwargs={"slug": project.slug}), "el")


# Comparing versions across languages


def test_a_changed_translation_is_a_change_and_an_added_one_is_not_a_rewording():
    Rule.objects.filter(slug="team").update(guidance_el="")
    EvaluationQuestion.objects.filter(pk=EvaluationQuestion.objects.order_by("pk").values("pk")[:1]).update(text_el="")
    before = live_content()
    question = EvaluationQuestion.objects.order_by("pk").first()
    Rule.objects.filter(slug="need").update(guidance_pt=NEW_PORTUGUESE_GUIDANCE)
    Rule.objects.filter(slug="team").update(guidance_el="Νέα καθοδήγηση.")
    EvaluationQuestion.objects.filter(pk=question.pk).update(text_el="Νέα διατύπωση;")

    changes = compare(before, live_content())

    assert [rule.slug for rule in changes.guidance_changed] == ["need"]
    assert changes.reworded == []
    assert changes.translated == ["pt", "el"]


# What each language still lacks


def _missing(response) -> dict:
    return {entry["language"]: entry for entry in response.context["missing_translations"]}


def test_the_shipped_method_lacks_nothing_in_any_language(methodology_owner_client):
    response = methodology_owner_client.get(reverse("admin:methodology_methodologyversion_changelist"))

    assert set(_missing(response)) == set(TRANSLATIONS)
    assert all(entry["total"] == 0 and entry["parts"] == [] for entry in _missing(response).values())


def test_the_admin_counts_the_texts_each_language_lacks_and_links_to_them(methodology_owner_client):
    rules = list(Rule.objects.order_by("number")[:2])
    Rule.objects.filter(pk__in=[rule.pk for rule in rules]).update(guidance_pt="")
    action = Action.objects.exclude(rule__in=rules).order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(text_pt=None)
    question = EvaluationQuestion.objects.order_by("pk").first()
    EvaluationQuestion.objects.filter(pk=question.pk).update(text_pt="", hint_pt="")
    retired = EvaluationQuestion.objects.order_by("-pk").first()
    EvaluationQuestion.objects.filter(pk=retired.pk).update(text_fr="", retired=True)  # no longer asked: not counted
    missing_rule_texts, missing_question_texts = len(rules) + 1, 2

    for url_name in ("admin:methodology_methodologyversion_changelist", PUBLISH_URL, "admin:methodology_rule_changelist"):
        response = methodology_owner_client.get(reverse(url_name))
        missing = _missing(response)
        assert missing["pt"]["total"] == missing_rule_texts + missing_question_texts
        assert [part["count"] for part in missing["pt"]["parts"]] == [missing_rule_texts, missing_question_texts]
        assert missing["fr"]["total"] == missing["el"]["total"] == 0
        count = missing_rule_texts + missing_question_texts
        assert f"Portuguese: {count} texts missing" in response.content.decode()

    rules_link, questions_link = (part["url"] for part in missing["pt"]["parts"])
    listed_rules = methodology_owner_client.get(rules_link).context["cl"].result_list
    assert {rule.pk for rule in listed_rules} == {rule.pk for rule in rules} | {action.rule_id}
    listed_questions = methodology_owner_client.get(questions_link).context["cl"].result_list
    assert [q.pk for q in listed_questions] == [question.pk]
