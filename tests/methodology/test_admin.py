"""The admin as methodology owners use it, and as everyone else may not."""

import pytest
from django.conf import settings
from django.contrib.admin import helpers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage1.methodology.models import Rule, Stage
from tests.content import fixture_rules
from tests.methodology.test_models import FORBIDDEN, HOSTILE_GUIDANCE

pytestmark = pytest.mark.usefixtures("methodology")


def _rule_change_url(rule: Rule) -> str:
    return reverse("admin:methodology_rule_change", args=[rule.pk])


def _form_data(form) -> dict:
    """The values a browser would submit for an unchanged, rendered form."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def _change_form_data(response) -> dict:
    """Everything the admin change page would post back, inline management forms included."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(_form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(_form_data(form))
    return data


def _readonly_contents(response, name: str) -> str:
    for fieldset in response.context["adminform"]:
        for line in fieldset:
            for field in line:
                if isinstance(field, helpers.AdminReadonlyField) and field.field["name"] == name:
                    return field.contents()
    raise AssertionError(f"No read-only field {name!r} on the page")


def test_methodology_owner_can_open_the_admin_index(methodology_owner_client):
    response = methodology_owner_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert f"{settings.SERVICE_NAME}: methodology administration" in response.content.decode()
    assert reverse("admin:methodology_rule_changelist") in response.content.decode()


def test_methodology_owner_sees_rules_with_their_question_counts(methodology_owner_client):
    response = methodology_owner_client.get(reverse("admin:methodology_rule_changelist"))
    assert response.status_code == 200
    rules = list(response.context["cl"].result_list)
    assert [rule.slug for rule in rules] == [rule["slug"] for rule in fixture_rules()]
    assert all(3 <= rule.question_count <= 5 for rule in rules)
    assert "The need is clear" in response.content.decode()


def test_methodology_owner_can_search_rules_by_guidance(methodology_owner_client):
    response = methodology_owner_client.get(reverse("admin:methodology_rule_changelist"), {"q": "once-only"})
    assert [rule.slug for rule in response.context["cl"].result_list] == ["interoperability"]


def test_rule_changelist_query_count_does_not_grow_with_rules(methodology_owner_client):
    url = reverse("admin:methodology_rule_changelist")
    shipped = len(fixture_rules())
    with CaptureQueriesContext(connection) as shipped_rules:
        methodology_owner_client.get(url)
    stage = Stage.objects.create(number=2, slug="design", title="Design the service")
    Rule.objects.bulk_create(Rule(stage=stage, number=n, slug=f"rule-{n}", title=f"Rule {n}", summary="s") for n in range(1, shipped + 1))
    with CaptureQueriesContext(connection) as twice_the_rules:
        response = methodology_owner_client.get(url)
    assert len(response.context["cl"].result_list) == 2 * shipped
    assert len(twice_the_rules) == len(shipped_rules)


def test_methodology_owner_sees_the_guidance_preview_on_the_rule_change_page(methodology_owner_client):
    rule = Rule.objects.get(slug="need")
    response = methodology_owner_client.get(_rule_change_url(rule))
    assert response.status_code == 200
    preview = _readonly_contents(response, "guidance_preview")
    assert '<ul class="govuk-list govuk-list--bullet">' in preview
    assert preview in response.content.decode()
    assert "Guidance preview" in response.content.decode()


def test_methodology_owner_can_edit_guidance_in_admin(methodology_owner_client):
    rule = Rule.objects.get(slug="need")
    url = _rule_change_url(rule)
    data = _change_form_data(methodology_owner_client.get(url))
    data["guidance_en"] = "The problem comes first.\n\n- evidence\n- volumes"
    data["_save"] = "Save"

    response = methodology_owner_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert response.url == reverse("admin:methodology_rule_changelist")
    rule.refresh_from_db()
    assert rule.guidance == "The problem comes first.\n\n- evidence\n- volumes"
    assert rule.actions.count() == 6
    assert rule.questions.count() == 5


def test_methodology_owner_can_edit_an_evaluation_question_inline(methodology_owner_client):
    rule = Rule.objects.get(slug="team")
    question = rule.questions.get(order=1)
    url = _rule_change_url(rule)
    response = methodology_owner_client.get(url)
    data = _change_form_data(response)
    prefix = next(i.formset.prefix for i in response.context["inline_admin_formsets"] if i.formset.model.__name__ == "EvaluationQuestion")
    data[f"{prefix}-0-hint_en"] = "A named service owner."

    response = methodology_owner_client.post(url, data)

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.hint == "A named service owner."


def test_methodology_owner_cannot_change_a_rule_slug(methodology_owner_client):
    rule = Rule.objects.get(slug="need")
    url = _rule_change_url(rule)
    data = _change_form_data(methodology_owner_client.get(url))
    data["slug"] = "renamed"

    assert methodology_owner_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.slug == "need"


@pytest.mark.parametrize("url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist"])
def test_methodology_owner_cannot_open_users_or_groups(methodology_owner_client, url_name):
    assert methodology_owner_client.get(reverse(url_name)).status_code == 403


def test_methodology_owner_cannot_delete_a_rule(methodology_owner_client):
    rule = Rule.objects.get(slug="need")
    url = reverse("admin:methodology_rule_delete", args=[rule.pk])
    assert methodology_owner_client.get(url).status_code == 403
    assert methodology_owner_client.post(url, {"post": "yes"}).status_code == 403
    assert Rule.objects.filter(pk=rule.pk).exists()


def test_outsider_is_sent_to_the_admin_login(outsider_client):
    response = outsider_client.get(reverse("admin:methodology_rule_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_admin_preview_of_hostile_guidance_contains_no_script(methodology_owner_client):
    rule = Rule.objects.get(slug="need")
    rule.guidance = HOSTILE_GUIDANCE
    rule.save()

    response = methodology_owner_client.get(_rule_change_url(rule))

    preview = _readonly_contents(response, "guidance_preview")
    assert "Intro paragraph." in preview
    assert preview in response.content.decode()
    for fragment in FORBIDDEN:
        assert fragment not in preview.lower()


@pytest.mark.parametrize("spelling", ["²", "٣", "-1", "1e3", "9" * 40])
def test_a_question_order_not_written_in_ascii_digits_is_refused_in_the_admin(methodology_owner_client, spelling):
    rule = Rule.objects.get(slug="team")
    question = rule.questions.order_by("order", "id").first()
    url = _rule_change_url(rule)
    response = methodology_owner_client.get(url)
    data = _change_form_data(response)
    prefix = next(i.formset.prefix for i in response.context["inline_admin_formsets"] if i.formset.model.__name__ == "EvaluationQuestion")
    data[f"{prefix}-0-order"] = spelling

    response = methodology_owner_client.post(url, data)

    assert response.status_code == 200
    assert "Enter a" in response.content.decode()
    assert Rule.objects.get(pk=rule.pk).questions.get(pk=question.pk).order == question.order
