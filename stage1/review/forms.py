"""Submitting for review and an approver's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stage1.core.forms import GdsForm
from stage1.core.numbers import IntegerInput
from stage1.review.models import Outcome

PAGE_UNREADABLE = _("This page did not say which version of the project it showed, so nothing was saved. Open the page again.")


def _hidden_number():
    return IntegerInput(
        widget=forms.HiddenInput,
        min_value=0,
        required=False,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), PAGE_UNREADABLE),
    )


class _ProjectRevisionForm(GdsForm):
    # The project revision the page showed: what is submitted or approved is what the person saw.
    revision = _hidden_number()

    def non_field_errors(self):
        errors = super().non_field_errors().copy()
        errors.extend(self.errors.get("revision", []))
        errors.extend(self.errors.get("base_version", []))
        return errors


class _ApproverChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        user = membership.user
        return user.get_full_name() or user.get_username()


class SubmitForm(_ProjectRevisionForm):
    approvers = _ApproverChoice(
        queryset=None,
        label=_("Who approves it"),
        help_text=_("Members marked as approvers. Every one you choose must approve before the project is approved."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one approver")},
    )
    note = forms.CharField(
        label=_("Note to the approvers"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, what changed since the last review."),
    )

    def __init__(self, *args, approvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approvers"].queryset = approvers
        if not self.is_bound:
            self.initial["approvers"] = list(approvers)


class DecisionForm(_ProjectRevisionForm):
    outcome = forms.ChoiceField(
        label=_("Your decision"),
        choices=[(Outcome.APPROVED, _("Approve this version")), (Outcome.CHANGES_REQUESTED, _("Ask for changes"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you approve this version or ask for changes")},
    )
    signed_name = forms.CharField(
        label=_("Your name"), max_length=200, required=False, help_text=_("As it will be printed on the charter.")
    )
    signed_role = forms.CharField(
        label=_("Your role or title"), max_length=200, required=False, help_text=_("For example, Deputy Mayor for Mobility.")
    )
    reason = forms.CharField(label=_("What needs to change"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    base_version = _hidden_number()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.APPROVED:
            if not (cleaned.get("signed_name") or "").strip():
                self.add_error("signed_name", _("Enter your name as it will be printed on the charter"))
            if not (cleaned.get("signed_role") or "").strip():
                self.add_error("signed_role", _("Enter your role or title"))
        elif cleaned.get("outcome") == Outcome.CHANGES_REQUESTED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Enter what needs to change"))
        return cleaned
