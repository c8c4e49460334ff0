"""The draft of the next version, as teams will read it, beside what changes since the latest version.

The live methodology in the admin is, in effect, the draft of the next
published version. Methodology owners preview it here before publishing:
each rule's guidance as a project's step page shows it and the checklist's
questions, with what is new, reworded or no longer asked, so they see what
teams will be asked to confirm when they move to it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from stage1.methodology.models import MethodologyVersion, Stage, UsefulMaterial
from stage1.methodology.versions import Comparison, FrozenQuestion, FrozenRule, compare, frozen_rules, latest_version, stage_content

# Seeing the draft is part of editing it: whoever may change the rules may preview them.
PREVIEW_PERMISSION = "methodology.change_rule"


@dataclass(frozen=True)
class DraftQuestion:
    question: FrozenQuestion
    new: bool = False
    before: FrozenQuestion | None = None  # the published wording, when the draft rewords it

    @property
    def reworded(self) -> bool:
        return self.before is not None


@dataclass(frozen=True)
class DraftRule:
    """One rule of the draft; reads like the step page's guidance (``actions``, ``materials``)."""

    pk: int  # the live Rule's, for its change page
    rule: FrozenRule
    published: FrozenRule | None  # as the latest version has it; None when that version has no such rule
    materials: list[UsefulMaterial]
    questions: list[DraftQuestion]
    dropped: list[FrozenQuestion] = field(default_factory=list)
    guidance_changed: bool = False

    @property
    def actions(self) -> tuple[str, ...]:
        return self.rule.actions

    @property
    def new_rule(self) -> bool:
        return self.published is None

    @property
    def changed(self) -> bool:
        return self.new_rule or self.guidance_changed or bool(self.dropped) or any(q.new or q.reworded for q in self.questions)


@dataclass(frozen=True)
class DraftPreview:
    stage: Stage
    latest: MethodologyVersion | None
    comparison: Comparison
    rules: list[DraftRule]
    # Questions of rules the draft no longer has: no rule section can show them.
    dropped_elsewhere: list[FrozenQuestion]

    @property
    def number(self) -> int:
        """The number the draft gets when it is published."""
        return self.latest.number + 1 if self.latest else 1


def draft_preview(stage: Stage) -> DraftPreview:
    """The stage's live methodology compared with its latest published version (with nothing, before the first)."""
    latest = latest_version(stage.number)
    published = latest.content if latest else {}
    draft = stage_content(stage)
    comparison = compare(published, draft)
    new_ids = {q.pk for q in comparison.new}
    before = {after.pk: old for old, after in comparison.reworded}
    changed_guidance = {rule.slug for rule in comparison.guidance_changed}
    published_rules = {rule.slug: rule for rule, _questions in frozen_rules(published)}
    dropped = defaultdict(list)
    for question in comparison.dropped:
        dropped[question.rule.slug].append(question)
    materials = _materials_by_rule(stage)
    pks = dict(stage.rules.values_list("slug", "pk"))
    rules = [
        DraftRule(
            pk=pks[rule.slug],
            rule=rule,
            published=published_rules.get(rule.slug),
            materials=materials[rule.slug],
            questions=[DraftQuestion(q, new=q.pk in new_ids, before=before.get(q.pk)) for q in questions],
            dropped=dropped.pop(rule.slug, []),
            guidance_changed=rule.slug in changed_guidance,
        )
        for rule, questions in frozen_rules(draft)
    ]
    return DraftPreview(stage, latest, comparison, rules, [q for questions in dropped.values() for q in questions])


def _materials_by_rule(stage: Stage) -> dict[str, list[UsefulMaterial]]:
    # Useful material is not versioned: the step page always shows it as it is now, and so does the preview.
    by_rule = defaultdict(list)
    for material in UsefulMaterial.objects.filter(stage=stage).prefetch_related("rules").order_by("order", "name"):
        for rule in material.rules.all():
            by_rule[rule.slug].append(material)
    return by_rule


@require_GET
def preview_page(request: HttpRequest, stage_id: int, *, site: AdminSite) -> HttpResponse:
    """The admin page; ``site.admin_view`` has already sent anyone who is not active staff to the sign-in page."""
    if not request.user.has_perm(PREVIEW_PERMISSION):
        raise PermissionDenied
    stage = get_object_or_404(Stage, pk=stage_id)
    preview = draft_preview(stage)
    context = {
        **site.each_context(request),
        "title": _("Preview of the draft: version %(number)s") % {"number": preview.number},
        "opts": Stage._meta,
        "stage": stage,
        "preview": preview,
    }
    return TemplateResponse(request, "admin/methodology/stage/preview.html", context)
