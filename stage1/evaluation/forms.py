"""The answers to one rule's evaluation questions, as one form."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from stage1.core.forms import GdsForm
from stage1.core.numbers import IntegerInput
from stage1.evaluation.models import Choice


class RuleAnswersForm(GdsForm):
    """Fields per question: answer_<id>, evidence_<id> and the hidden version_<id>."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        layout = []
        for row in rows:
            qid = row.question.pk
            self.fields[f"answer_{qid}"] = forms.ChoiceField(
                # The GOV.UK templates print labels and hints as they are:
                # methodology text is data, so it is escaped here.
                label=conditional_escape(row.question.text),
                help_text=conditional_escape(row.question.hint),
                choices=Choice.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"evidence_{qid}"] = forms.CharField(
                label=_("Evidence or note"),
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
                self.initial[f"answer_{qid}"] = row.choice
                self.initial[f"evidence_{qid}"] = row.answer.evidence if row.answer else ""
                self.initial[f"version_{qid}"] = row.answer.version if row.answer else 0

        self.helper.layout = Layout(*layout)
        # Every question may be left unanswered for now, but the checklist counts what is unanswered.
        self.needed_to_complete = frozenset(f"answer_{row.question.pk}" for row in rows)

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
