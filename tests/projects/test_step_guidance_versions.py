"""A step page shows the guidance of the methodology version its project follows."""

from django.urls import reverse

from stage1.methodology.models import Action, Rule, Stage
from stage1.methodology.services import methodology_publish
from stage1.projects.services import project_create


def _need_page(client, project):
    return client.get(reverse("projects:step", kwargs={"slug": project.slug, "step_slug": "need"})).content.decode()


def test_a_project_keeps_the_guidance_of_its_version_until_it_moves(methodology, owner, owner_client, methodology_owner):
    stage = Stage.objects.get(number=1)
    methodology_publish(stage=stage, user=methodology_owner, notes="First version")
    before = project_create(user=owner, title="Follows version one", organisation="City")
    rule = Rule.objects.get(slug="need")
    old_guidance = rule.guidance.split("\n")[0]
    rule.guidance = "Talk to twelve people who have the problem before writing anything down."
    rule.title = "The need is proven"
    rule.save()
    Action.objects.create(rule=rule, order=99, text="Record every conversation in the research log.")
    methodology_publish(stage=stage, user=methodology_owner, notes="Second version")
    after = project_create(user=owner, title="Follows version two", organisation="City")

    old_page = _need_page(owner_client, before)
    new_page = _need_page(owner_client, after)

    assert "Talk to twelve people" not in old_page
    assert "The need is proven" not in old_page
    assert "Record every conversation" not in old_page
    assert old_guidance[:40] in old_page
    assert "Talk to twelve people" in new_page
    assert "The need is proven" in new_page
    assert "Record every conversation in the research log." in new_page


def test_the_task_list_names_the_rules_as_the_projects_version_does(methodology, owner, owner_client, methodology_owner):
    stage = Stage.objects.get(number=1)
    methodology_publish(stage=stage, user=methodology_owner, notes="First version")
    project = project_create(user=owner, title="Follows version one", organisation="City")
    Rule.objects.filter(slug="team").update(title="A renamed rule about the team")

    page = owner_client.get(reverse("projects:task_list", kwargs={"slug": project.slug})).content.decode()

    assert "A renamed rule about the team" not in page
