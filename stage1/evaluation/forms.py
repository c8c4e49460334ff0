"""The answers to one rule's evaluation questions, as one form."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from stage1.core.bidi import isolate
from stage1.core.forms import GdsForm
from stage1.core.numbers import IntegerInput
from stage1.evaluation.models import Action, Choice
from stage1.projects.forms import VERSION_UNREADABLE, VersionedModelForm, WizardMeta
from stage1.projects.models import TeamMember

REWORDED = _("This question was reworded after you answered it. Check that your answer still holds, then save.")
SAY_WHY_NOT_APPLICABLE = _("Say why “%(question)s” does not apply to the project")


class RuleAnswersForm(GdsForm):
    """Fields per question: answer_<id>, evidence_<id> and the hidden version_<id>."""

    def __init__(self, *args, rows, require_reasons: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        # An imported file may hold a "Not applicable" without a reason (written before reasons were asked):
        # it is kept as it is, and readiness asks for the reason.
        self.require_reasons = require_reasons
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        layout = []
        for row in rows:
            qid = row.question.pk
            hint = conditional_escape(row.question.hint)
            if row.to_confirm:
                hint = conditional_escape(REWORDED) + (" " + hint if hint else "")
            self.fields[f"answer_{qid}"] = forms.ChoiceField(
                # The GOV.UK templates print labels and hints as they are:
                # methodology text is data, so it is escaped here.
                label=conditional_escape(row.question.text),
                help_text=hint,
                choices=Choice.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"evidence_{qid}"] = forms.CharField(
                label=_("Evidence or note"),
                help_text=_("If the question does not apply to the project, say why."),
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"version_{qid}"] = IntegerInput(widget=forms.HiddenInput, min_value=0, required=False)
            layout += [
                Field.radios(f"answer_{qid}", legend_size=Size.MEDIUM, small=True, inline=True),
                Field.textarea(f"evidence_{qid}", rows=3),
                Field(f"version_{qid}"),
            ]
            if not self.is_bound:
                self.initial[f"answer_{qid}"] = row.answer.choice if row.answer else ""
                self.initial[f"evidence_{qid}"] = row.answer.evidence if row.answer else ""
                self.initial[f"version_{qid}"] = row.answer.version if row.answer else 0

        self.helper.layout = Layout(*layout)
        # Every question may be left unanswered for now, but the checklist counts what is unanswered.
        self.needed_to_complete = frozenset(f"answer_{row.question.pk}" for row in rows)

    def clean(self):
        cleaned = super().clean()
        for row in self.rows if self.require_reasons else ():
            qid = row.question.pk
            if cleaned.get(f"answer_{qid}") == Choice.NOT_APPLICABLE and not (cleaned.get(f"evidence_{qid}") or "").strip():
                self.add_error(f"evidence_{qid}", SAY_WHY_NOT_APPLICABLE % {"question": isolate(row.question.text)})
        return cleaned

    def submitted(self):
        """(question, choice, evidence, base version) per question, from valid data.

        The base version is 0 for an answer that did not exist when the page was rendered.
        """
        for row in self.rows:
            qid = row.question.pk
            yield (
                row.question,
                self.cleaned_data[f"answer_{qid}"],
                self.cleaned_data[f"evidence_{qid}"],
                self.cleaned_data[f"version_{qid}"] or 0,
            )


NEWER_VERSION_PUBLISHED = _(
    "A newer version of the method was published while you were reading this page. Check what it changes, then move again."
)


class MoveToVersionForm(GdsForm):
    """Confirms the move to the version the user saw compared: another one may have been published since."""

    version = IntegerInput(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, newest, **kwargs):
        super().__init__(*args, **kwargs)
        self.newest = newest
        if newest is not None:
            self.initial["version"] = newest.number

    def clean(self):
        cleaned = super().clean()
        if self.newest is None or cleaned.get("version") != self.newest.number:
            raise forms.ValidationError(NEWER_VERSION_PUBLISHED, code="stale")
        return cleaned


class ActionForm(VersionedModelForm):
    """One action of the action plan: what will be done, by whom, by when."""

    prompts = {"owner": _("Choose a team member")}

    class Meta(WizardMeta):
        model = Action
        fields = ["description", "owner", "due_on"]
        error_messages = {"description": {"required": _("Enter what will be done")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["rows"] = 3
        self.limit_to_project("owner", TeamMember.objects.all())


class _AnswerVersionForm(GdsForm):
    """A change to one answer, made from the version of it the page showed."""

    base_version = IntegerInput(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), VERSION_UNREADABLE),
    )

    def non_field_errors(self):
        errors = super().non_field_errors().copy()
        errors.extend(self.errors.get("base_version", []))
        return errors


class RiskForm(_AnswerVersionForm):
    because = forms.CharField(
        label=_("Why the risk is acceptable"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the risk is acceptable")},
    )
    accepted_by = forms.CharField(
        label=_("Accepted by"),
        max_length=200,
        help_text=_("The name and role of the person who accepted the risk, for example the sponsor."),
        error_messages={"required": _("Enter the name and role of the person who accepted the risk")},
    )


class DismissForm(_AnswerVersionForm):
    because = forms.CharField(
        label=_("Why your answer stands"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the legal basis recorded is being replaced by a new law that is not passed yet."),
        error_messages={"required": _("Enter why your answer stands")},
    )
