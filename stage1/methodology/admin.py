"""Admin pages for methodology owners: people who edit the method, not developers.

Every list is ordered the way the wizard shows it, searchable, and fetches
related rows in one query. Rules are edited on one page with their actions
and evaluation questions, and show their guidance as teams will see it.
Edits reach projects through a published methodology version: adding a
version publishes the method as it is; a published version is read-only.

Every text is written per language (stage1/methodology/translation.py): the
pages show the four languages of a text side by side, two by two, each input
marked with its language, and the lists count what each language still lacks.
"""

from typing import ClassVar

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from stage1.core.numbers import IntegerInput, parse_int
from stage1.methodology.coverage import TRANSLATIONS, missing_in, missing_translations, rules_missing
from stage1.methodology.models import Action, EvaluationQuestion, MethodologyVersion, Rule, Stage, UsefulMaterial
from stage1.methodology.preview import preview_page
from stage1.methodology.services import methodology_publish
from stage1.methodology.versions import LANGUAGES, compare, frozen_rules, latest_version, stage_content

admin.site.site_header = format_lazy(_("{service}: methodology administration"), service=settings.SERVICE_NAME)
admin.site.site_title = format_lazy(_("{service}: methodology"), service=settings.SERVICE_NAME)
admin.site.index_title = _("Edit the method teams follow")

NOTHING_SAVED_YET = _("The preview appears once the rule has been saved.")
NO_GUIDANCE = _("No guidance yet.")
NOTHING_TO_PUBLISH = _("There is no methodology content to publish yet.")
NOTHING_CHANGED = _("Nothing has changed since version %(number)s: there is nothing new to publish.")
FIRST_VERSION = _("This will be the first published version.")


def side_by_side(field: str) -> tuple[tuple[str, ...], ...]:
    """A translated field's inputs in rows of two (English beside Portuguese, French beside Greek)."""
    names = get_translation_fields(field)
    return tuple(tuple(names[i : i + 2]) for i in range(0, len(names), 2))


def searchable(*fields: str) -> tuple[str, ...]:
    """Search every language's text, not only the one the admin is read in."""
    return tuple(name for field in fields for name in get_translation_fields(field))


class WideFieldsMixin:
    """Sentences get wide inputs: the admin's default 20em input cuts them off.

    ``wide_fields`` maps a field name to the rows of its textarea, or 0 for a
    one-line input. Numbers (a rule's number, an order) are read in ASCII
    digits only, as everywhere else.
    """

    wide_fields: ClassVar[dict[str, int]] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.IntegerField) and not db_field.choices and not db_field.primary_key:
            kwargs.setdefault("form_class", IntegerInput)
        rows = self.wide_fields.get(db_field.name)
        if rows is not None:
            attrs = {"class": "vLargeTextField"}
            kwargs["widget"] = forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs=attrs)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)  # set on django-modeltranslation's per-language fields
        if field is not None and language:
            # Spelling checkers and screen readers then read Greek text as Greek.
            field.widget.attrs["lang"] = language
        return field


class MissingTranslationFilter(admin.SimpleListFilter):
    """Rows with a text not yet written in a language: where the missing-texts counts link to."""

    title = _("text missing in")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(lang, get_language_info(lang)["name_translated"]) for lang in TRANSLATIONS]

    def queryset(self, request, queryset):
        language = self.value()
        if language not in TRANSLATIONS:
            return queryset
        return queryset.filter(rules_missing(language) if queryset.model is Rule else missing_in(queryset.model, language))


class SlugLockedMixin:
    """Slugs tie methodology rows to code; once saved only a superuser may change one."""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser:
            readonly += ("slug",)
        return readonly


@admin.register(Stage)
class StageAdmin(SlugLockedMixin, WideFieldsMixin, TranslationAdmin):
    wide_fields = {"title": 0, "summary": 4}
    list_display = ("number", "title", "rule_count")
    list_display_links = ("number", "title")
    list_filter = (MissingTranslationFilter,)
    ordering = ("number",)
    search_fields = searchable("title", "summary")
    fields = ("number", *side_by_side("title"), *side_by_side("summary"), "slug")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rule_count=Count("rules"))

    @admin.display(description=_("golden rules"), ordering="rule_count")
    def rule_count(self, stage: Stage) -> int:
        return stage.rule_count

    def get_urls(self):
        # Before the admin's own: its last pattern takes any address under the stage.
        # <path:object_id>, as the admin's own change pages: the id is read in ASCII digits below.
        preview = path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview_view), name="methodology_stage_preview")
        return [preview, *super().get_urls()]

    def preview_view(self, request, object_id: str):
        stage_id = parse_int(object_id)
        if stage_id is None:
            raise Http404("No such stage.")
        return preview_page(request, stage_id, site=self.admin_site)


class ActionInline(WideFieldsMixin, TranslationTabularInline):
    model = Action
    wide_fields = {"text": 0}
    fields = ("order", "text")
    ordering = ("order", "id")
    extra = 1
    verbose_name = _("action")
    verbose_name_plural = _("actions: what the team does to follow this rule, in the order shown")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A tabular inline shows its labels only as column headings; screen
        # readers need a name on each input too.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field


class EvaluationQuestionInline(WideFieldsMixin, TranslationStackedInline):
    model = EvaluationQuestion
    wide_fields = {"text": 0, "hint": 2, "framework": 0}
    fields = (*side_by_side("text"), *side_by_side("hint"), "framework", "order", "key", "retired")
    ordering = ("order", "id")
    extra = 0
    verbose_name = _("evaluation question")
    verbose_name_plural = _("evaluation questions: answered yes, partly, no or not applicable")


@admin.register(Rule)
class RuleAdmin(SlugLockedMixin, WideFieldsMixin, TranslationAdmin):
    wide_fields = {"title": 0, "summary": 0, "guidance": 18}
    list_display = ("number", "title", "stage", "action_count", "question_count")
    list_display_links = ("number", "title")
    list_filter = ("stage", MissingTranslationFilter)
    list_select_related = ("stage",)
    ordering = ("stage__number", "number")
    search_fields = searchable("title", "summary", "guidance")
    readonly_fields = ("guidance_preview",)
    inlines = (ActionInline, EvaluationQuestionInline)
    fieldsets = (
        (None, {"fields": ("stage", "number")}),
        (_("Title and short summary"), {"fields": (*side_by_side("title"), *side_by_side("summary"))}),
        (
            _("Guidance"),
            {
                "fields": (*side_by_side("guidance"), "guidance_preview"),
                "description": _(
                    "The preview shows the saved guidance as teams will see it, in the language you are reading the admin in: "
                    "use “Save and continue editing” to refresh it. A text left empty is shown in English. "
                    "HTML typed into the guidance is removed from what teams see."
                ),
            },
        ),
        (_("Technical"), {"fields": ("slug",), "classes": ("collapse",)}),
    )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "missing_translations": missing_translations_context()})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                action_count=Count("actions", distinct=True),
                question_count=Count("questions", distinct=True),
            )
        )

    @admin.display(description=_("actions"), ordering="action_count")
    def action_count(self, rule: Rule) -> int:
        return rule.action_count

    @admin.display(description=_("evaluation questions"), ordering="question_count")
    def question_count(self, rule: Rule) -> int:
        return rule.question_count

    @admin.display(description=_("Guidance preview"))
    def guidance_preview(self, rule: Rule | None):
        if rule is None or rule.pk is None:
            return NOTHING_SAVED_YET
        if not rule.guidance.strip():
            return NO_GUIDANCE
        # guidance_html is cleaned with an allowlist, so it is inserted as HTML.
        return format_html('<div class="guidance-preview">{}</div>', rule.guidance_html)


@admin.register(EvaluationQuestion)
class EvaluationQuestionAdmin(WideFieldsMixin, TranslationAdmin):
    wide_fields = {"text": 0, "hint": 3, "framework": 0}
    list_display = ("text", "rule", "order", "framework", "retired")
    list_editable = ("order",)
    list_filter = ("rule", "retired", MissingTranslationFilter)
    list_select_related = ("rule",)
    search_fields = (*searchable("text", "hint"), "framework")
    fields = ("rule", "order", *side_by_side("text"), *side_by_side("hint"), "framework", "retired")


@admin.register(UsefulMaterial)
class UsefulMaterialAdmin(WideFieldsMixin, TranslationAdmin):
    wide_fields = {"name": 0, "phases": 0, "description": 4}
    list_display = ("name", "stage", "phases", "order")
    list_display_links = ("name",)
    list_editable = ("order",)
    list_filter = ("stage", "rules", MissingTranslationFilter)
    list_select_related = ("stage",)
    search_fields = (*searchable("name", "description"), "phases")
    fields = ("stage", "order", *side_by_side("name"), "url", "phases", *side_by_side("description"), "rules")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "rules":
            # A handful of rules: plain checkboxes work without JavaScript and read better than a dual list.
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PublishForm(forms.ModelForm):
    """The whole add form: a version's content is the live method, taken when it is saved."""

    class Meta:
        model = MethodologyVersion
        fields = get_translation_fields("notes")
        widgets = {name: forms.Textarea(attrs={"class": "vLargeTextField", "rows": 3}) for name in get_translation_fields("notes")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            self.fields[build_localized_fieldname("notes", language)].widget.attrs["lang"] = language

    @property
    def notes(self) -> dict[str, str]:
        """What changed, per language, as methodology_publish takes it."""
        return {lang: self.cleaned_data[build_localized_fieldname("notes", lang)] for lang in LANGUAGES}

    stage: Stage | None = None
    latest: MethodologyVersion | None = None

    def clean(self):
        cleaned = super().clean()
        if self.stage is None:
            raise forms.ValidationError(NOTHING_TO_PUBLISH)
        if self.latest is not None and self.latest.content == stage_content(self.stage):
            raise forms.ValidationError(NOTHING_CHANGED % {"number": self.latest.number})
        return cleaned


@admin.register(MethodologyVersion)
class MethodologyVersionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "stage", "published_at", "published_by", "question_count")
    list_select_related = ("stage", "published_by")
    list_filter = ("stage",)
    ordering = ("stage__number", "-number")
    fields = ("stage", "number", "published_at", "published_by", *side_by_side("notes"), "content_summary")
    readonly_fields = ("content_summary",)

    # Publishing is adding; a published version is never changed or deleted,
    # not even by a superuser: projects' answers were given against it.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return super().get_fieldsets(request, obj)
        description = _(
            "Publishing freezes the golden rules' guidance and the evaluation questions as they are now, in every language. "
            "New projects follow the new version; existing projects keep theirs until a member moves them to it."
        )
        return ((None, {"fields": (*side_by_side("notes"), "pending_changes"), "description": description}),)

    def get_readonly_fields(self, request, obj=None):
        return ("pending_changes",) if obj is None else flatten_fields(self.fields)

    # The list and the publish page link to the preview of what publishing would freeze.
    def changelist_view(self, request, extra_context=None):
        context = {"draft_stage": _stage(), "missing_translations": missing_translations_context()}
        return super().changelist_view(request, {**(extra_context or {}), **context})

    def add_view(self, request, form_url="", extra_context=None):
        context = {"draft_stage": _stage(), "missing_translations": missing_translations_context()}
        return super().add_view(request, form_url, {**(extra_context or {}), **context})

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        form = type("PublishForm", (PublishForm,), {})
        form.stage = _stage()
        form.latest = latest_version(form.stage.number) if form.stage else None
        return form

    def save_model(self, request, obj, form, change):
        version = methodology_publish(stage=form.stage, user=request.user, notes=form.notes)
        # The admin goes on with `obj` (its message, its log entry): make it the published version.
        for model_field in version._meta.concrete_fields:
            setattr(obj, model_field.attname, getattr(version, model_field.attname))
        obj._state.adding, obj._state.db = False, version._state.db

    def save_related(self, request, form, formsets, change):
        pass  # methodology_publish recorded the version's questions

    @admin.display(description=_("evaluation questions"))
    def question_count(self, version: MethodologyVersion) -> int:
        return len(version.content.get("questions", []))

    @admin.display(description=_("Content"))
    def content_summary(self, version: MethodologyVersion):
        return _content_html(frozen_rules(version.content))

    @admin.display(description=_("Changes since the latest version"))
    def pending_changes(self, version: MethodologyVersion | None):
        stage = _stage()
        if stage is None:
            return NOTHING_TO_PUBLISH
        latest = latest_version(stage.number)
        if latest is None:
            return FIRST_VERSION
        changes = compare(latest.content, stage_content(stage))
        if changes.unchanged and not changes.translated:
            return NOTHING_CHANGED % {"number": latest.number}
        lines = [(_("New question"), q.text) for q in changes.new]
        lines += [(_("Reworded question"), after.text) for _before, after in changes.reworded]
        lines += [(_("Question no longer asked"), q.text) for q in changes.dropped]
        lines += [(_("Guidance or actions updated"), f"{rule.number}. {rule.title}") for rule in changes.guidance_changed]
        lines += [(_("Text updated in"), get_language_info(lang)["name_translated"]) for lang in changes.translated]
        return format_html("<ul>{}</ul>", format_html_join("", "<li><strong>{}:</strong> {}</li>", lines))


def flatten_fields(fields) -> tuple[str, ...]:
    return tuple(name for entry in fields for name in ((entry,) if isinstance(entry, str) else entry))


# Where each part's missing texts are listed (filtered by language), and what the link says.
MISSING_LINKS = (
    (_("stage"), "admin:methodology_stage_changelist", (Stage,), ""),
    (_("golden rules and their actions"), "admin:methodology_rule_changelist", (Rule, Action), ""),
    (_("evaluation questions"), "admin:methodology_evaluationquestion_changelist", (EvaluationQuestion,), "&retired__exact=0"),
    (_("useful material"), "admin:methodology_usefulmaterial_changelist", (UsefulMaterial,), ""),
)


def missing_translations_context() -> list[dict]:
    """Each language's missing texts, with links to the lists of rows that lack them."""
    result = []
    for gaps in missing_translations():
        parts = [
            {"label": label, "count": count, "url": f"{reverse(url_name)}?missing={gaps.language}{extra}"}
            for label, url_name, models, extra in MISSING_LINKS
            if (count := sum(gaps.by_model[model] for model in models))
        ]
        name = get_language_info(gaps.language)["name_translated"]
        result.append({"language": gaps.language, "name": name, "total": gaps.total, "parts": parts})
    return result


def _stage() -> Stage | None:
    # One stage today; with more, the add form would ask which one to publish.
    return Stage.objects.filter(rules__isnull=False).order_by("number").first()


def _content_html(rules) -> str:
    parts = [
        format_html(
            "<h3>{}. {}</h3><ol>{}</ol>",
            rule.number,
            rule.title,
            format_html_join("", "<li>{}</li>", ((q.text,) for q in questions)),
        )
        for rule, questions in rules
    ]
    return format_html_join("", "{}", ((part,) for part in parts))
