"""Forms of the wizard: project creation, each step's own answers, and items.

Forms validate and convert. The querysets of cross-reference fields are
limited to the project passed in, so a form can never point at another
project's stakeholder, whatever is posted.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from stage1.core.fields import GdsDateField
from stage1.core.forms import GdsForm, GdsFormMixin, GdsModelForm
from stage1.core.languages import language_name
from stage1.core.numbers import IntegerInput, ascii_formfield
from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Milestone,
    Project,
    RaciAssignment,
    ResearchActivity,
    Stakeholder,
    SuccessIndicator,
    TeamMember,
    UserGroup,
    UserPath,
)
from stage1.projects.models.steps import StakeholdersStep, TeamStep

CIRCULAR_DEPENDENCY = _(
    "A milestone cannot depend, directly or through others, on itself. Untick the milestone that leads back to this one."
)
VERSION_UNREADABLE = _(
    "This page did not say which version of the answers it showed, so nothing was saved. Open the page again, then make your change."
)
ONE_ACCOUNTABLE = _("This decision already has an accountable stakeholder. A decision has exactly one: change that row first.")


LANGUAGE_HINT = _(
    "The charter, the checklist and the downloads are written in this language, whatever language each member reads the service in."
)


def _language_choices():
    """Each language named in itself, as in the header: a reader recognises their own."""
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


class ProjectForm(GdsModelForm):
    class Meta:
        model = Project
        fields = ["title", "organisation", "description", "language"]
        help_texts = {
            "title": _("The name of the service or change you are planning, for example 'Apply for a parking permit'."),
            "organisation": _("The public body leading the project."),
            "description": _("Two or three sentences that tell a colleague what this project is about."),
            "language": LANGUAGE_HINT,
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "language": forms.RadioSelect}
        error_messages = {
            "title": {"required": _("Enter the project title")},
            "organisation": {"required": _("Enter the organisation leading the project")},
            "language": {"required": _("Choose the language of the documents")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()


class DocumentLanguageForm(GdsForm):
    language = forms.ChoiceField(
        label=_("Language of the documents"),
        help_text=LANGUAGE_HINT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language of the documents")},
    )
    # The language the page showed: the write applies only if it is still the one stored.
    base_language = forms.ChoiceField(widget=forms.HiddenInput, choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()


class WizardMeta:
    """The base of every wizard form's Meta: whole numbers and references to items are read in ASCII digits only."""

    formfield_callback = staticmethod(ascii_formfield)


class VersionedModelForm(GdsFormMixin, forms.ModelForm):
    """Carries the version the form was rendered from, for conflict detection.

    Messages, "(optional)" and the prompts of selects (`prompts`) come from
    GdsFormMixin, from each field as the form ends up.
    """

    base_version = IntegerInput(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), VERSION_UNREADABLE),
    )

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = getattr(cls, "Meta", None)
        if meta is not None and getattr(meta, "formfield_callback", None) is not ascii_formfield:
            raise TypeError(f"{cls.__name__}.Meta must subclass WizardMeta, so that its numbers are read in ASCII digits only.")

    def __init__(self, *args, project: Project, **kwargs):
        self.project = project
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["base_version"] = self.instance.version if self.instance.pk else 0
        for name, field in list(self.fields.items()):
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)
            if isinstance(field, forms.DateField):
                self.fields[name] = GdsDateField(
                    label=field.label, help_text=field.help_text or _("For example, 27 3 2027"), required=field.required
                )

    def non_field_errors(self):
        """The form's own errors and the hidden version's, which has no place on the page to show its error."""
        errors = super().non_field_errors().copy()
        errors.extend(self.errors.get("base_version", []))
        return errors

    def limit_to_project(self, name: str, queryset) -> None:
        # A form derived with some of the fields (a row typed on the step page) may not have this one.
        if name in self.fields:
            self.fields[name].queryset = queryset.filter(project=self.project)


class StepForm(VersionedModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The registry is built from these forms, so it is read only once a form exists.
        from stage1.projects.steps import STEPS

        step = next((step for step in STEPS if step.model is self._meta.model), None)
        # An answer the step needs to be complete may be left empty for now, but it is not optional.
        self.needed_to_complete = frozenset(step.required_fields if step else ())


def step_form_for(model_class, exclude=("project", "version", "updated_by", "updated_at")) -> type[StepForm]:
    meta = type("Meta", (WizardMeta,), {"model": model_class, "exclude": list(exclude)})
    return type(f"{model_class.__name__}Form", (StepForm,), {"Meta": meta})


class StakeholdersStepForm(StepForm):
    prompts = {"sponsor": _("Choose a stakeholder")}

    class Meta(WizardMeta):
        model = StakeholdersStep
        fields = ["engagement_approach", "sponsor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("sponsor", Stakeholder.objects.all())


class TeamStepForm(StepForm):
    prompts = {"lead": _("Choose a team member")}

    class Meta(WizardMeta):
        model = TeamStep
        fields = ["lead", "governance", "meeting_rhythm"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("lead", TeamMember.objects.all())


ITEM_LIMIT = 500
TOO_MANY_ITEMS = _("This list already has %(limit)s %(items)s, the most it can hold. Remove one before adding another.")


class ItemForm(VersionedModelForm):
    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and type(self.instance).objects.filter(project=self.project).count() >= ITEM_LIMIT:
            raise forms.ValidationError(
                TOO_MANY_ITEMS, code="too_many", params={"limit": ITEM_LIMIT, "items": self._meta.model._meta.verbose_name_plural}
            )
        return cleaned


def _item_meta(model_class, fields, *, required=None):
    """A wizard Meta; `required` gives a required field its own message, as GOV.UK words it ("Enter the milestone's name")."""
    error_messages = {name: {"required": message} for name, message in (required or {}).items()}
    return type("Meta", (WizardMeta,), {"model": model_class, "fields": fields, "error_messages": error_messages})


class SuccessIndicatorForm(ItemForm):
    Meta = _item_meta(
        SuccessIndicator, ["indicator", "baseline", "target", "target_date"], required={"indicator": _("Enter what the indicator measures")}
    )


class StakeholderForm(ItemForm):
    Meta = _item_meta(
        Stakeholder,
        ["name", "organisation", "kind", "role", "interest", "influence", "contact_point", "engagement_channel", "commitment"],
        required={"name": _("Enter the stakeholder's name")},
    )
    prompts = {"interest": _("Choose a level"), "influence": _("Choose a level")}


class KeyDecisionForm(ItemForm):
    Meta = _item_meta(KeyDecision, ["title", "due_date"], required={"title": _("Enter the decision")})
    subjects = {"due_date": _("The date the decision is needed by")}


class RaciAssignmentForm(ItemForm):
    Meta = _item_meta(RaciAssignment, ["decision", "stakeholder", "responsibility"])
    prompts = {
        "decision": _("Choose a decision"),
        "stakeholder": _("Choose a stakeholder"),
        "responsibility": _("Choose a responsibility"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("decision", KeyDecision.objects.all())
        self.limit_to_project("stakeholder", Stakeholder.objects.all())

    def clean(self):
        cleaned = super().clean()
        decision, stakeholder = cleaned.get("decision"), cleaned.get("stakeholder")
        if decision and stakeholder:
            clash = RaciAssignment.objects.filter(decision=decision, stakeholder=stakeholder).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("stakeholder", _("This stakeholder already has a role for this decision. Change that row instead."))
        if decision and cleaned.get("responsibility") == "A":
            others = RaciAssignment.objects.filter(decision=decision, responsibility="A").exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("responsibility", ONE_ACCOUNTABLE)
        return cleaned

    def validate_unique(self):
        # clean() reports the clash on the stakeholder field with a clearer message.
        pass


class TeamMemberForm(ItemForm):
    allocation = IntegerInput(
        label=_("Percentage of time on the project"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("A whole number from 1 to 100."),
    )
    Meta = _item_meta(
        TeamMember,
        ["name", "organisation", "role", "skills", "allocation", "start_date", "end_date", "decision_authority"],
        required={"name": _("Enter the team member's name")},
    )
    prompts = {"organisation": _("Choose a stakeholder"), "role": _("Choose a role")}
    subjects = {"start_date": _("The start date"), "end_date": _("The end date")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("organisation", Stakeholder.objects.all())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be the same as or after the start date."))
        return cleaned


class MilestoneForm(ItemForm):
    Meta = _item_meta(
        Milestone,
        ["name", "description", "owner_member", "owner_stakeholder", "target_date", "deliverable", "depends_on", "review_gate"],
        required={"name": _("Enter the milestone's name")},
    )
    prompts = {"owner_member": _("Choose a team member"), "owner_stakeholder": _("Choose a stakeholder")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("owner_member", TeamMember.objects.all())
        self.limit_to_project("owner_stakeholder", Stakeholder.objects.all())
        if "depends_on" in self.fields:
            others = Milestone.objects.filter(project=self.project)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            self.fields["depends_on"].queryset = others
            self.fields["depends_on"].widget = forms.CheckboxSelectMultiple()
            self.fields["depends_on"].help_text = _("Milestones that must be finished before this one can start.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("owner_member") and cleaned.get("owner_stakeholder"):
            self.add_error("owner_stakeholder", _("Choose one owner: a team member or a stakeholder, not both."))
        if self.instance.pk and cleaned.get("depends_on") and self._would_loop(cleaned["depends_on"]):
            self.add_error("depends_on", CIRCULAR_DEPENDENCY)
        return cleaned

    def _would_loop(self, chosen) -> bool:
        """Whether this milestone is reachable from what it would depend on."""
        edges: dict[int, set[int]] = {}
        through = Milestone.depends_on.through.objects.filter(from_milestone__project=self.project)
        for source, target in through.values_list("from_milestone_id", "to_milestone_id"):
            edges.setdefault(source, set()).add(target)
        seen, todo = set(), [m.pk for m in chosen]
        while todo:
            current = todo.pop()
            if current == self.instance.pk:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(edges.get(current, ()))
        return False


class InteropPointForm(ItemForm):
    Meta = _item_meta(
        InteropPoint,
        [
            "partner",
            "partner_system",
            "data_exchanged",
            "direction",
            "purpose",
            "legal_basis",
            "eif_layer",
            "standard",
            "building_block",
            "agreement_status",
            "owner",
        ],
    )
    prompts = {
        "partner": _("Choose a partner body"),
        "eif_layer": _("Choose a layer"),
        "agreement_status": _("Choose a status"),
        "owner": _("Choose a team member"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("partner", Stakeholder.objects.all())
        self.limit_to_project("owner", TeamMember.objects.all())


class UserGroupForm(ItemForm):
    Meta = _item_meta(
        UserGroup,
        ["name", "staff", "size", "needs", "accessibility_needs", "exclusion_risk"],
        required={"name": _("Enter the user group's name")},
    )
    prompts = {"exclusion_risk": _("Choose a level")}


class ResearchActivityForm(ItemForm):
    Meta = _item_meta(
        ResearchActivity, ["method", "held_on", "participants", "findings"], required={"method": _("Enter the research method")}
    )


class UserPathForm(ItemForm):
    Meta = _item_meta(UserPath, ["user_group", "name"], required={"name": _("Enter the goal of the journey")})
    prompts = {"user_group": _("Choose a user group")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("user_group", UserGroup.objects.all())


class JourneyStepForm(ItemForm):
    Meta = _item_meta(JourneyStep, ["path", "description", "channel", "pain_point"], required={"description": _("Enter what happens")})
    prompts = {"path": _("Choose a user path")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("path", UserPath.objects.all())
