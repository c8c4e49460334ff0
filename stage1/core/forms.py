"""Form plumbing shared by every page: GOV.UK rendering through crispy-forms-gds."""

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class GdsFormMixin:
    """Attach a crispy helper that renders fields only.

    Templates own the <form> element and its buttons, so one page can hold
    several actions ("Save and continue", "Save and return") without the
    helper knowing about them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = "s"
        self.helper.legend_size = "s"


class GdsForm(GdsFormMixin, forms.Form):
    pass


class GdsModelForm(GdsFormMixin, forms.ModelForm):
    pass


class GdsAuthenticationForm(GdsFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class GdsPasswordResetForm(GdsFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _("We will send a link to reset your password if this address belongs to an account.")


class GdsSetPasswordForm(GdsFormMixin, SetPasswordForm):
    pass
