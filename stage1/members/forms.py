"""Forms of the members pages, the invitation sign-up and the delete confirmation."""

from crispy_forms_gds.choices import Choice
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from stage1.core.forms import PASSWORDS_DIFFER, GdsForm, GdsFormMixin
from stage1.core.numbers import parse_int
from stage1.projects.models import Role

ROLE_CHOICES = [
    Choice(Role.OWNER.value, Role.OWNER.label, hint=_("Can change the project, manage its members, archive and delete it.")),
    Choice(Role.EDITOR.value, Role.EDITOR.label, hint=_("Can fill in and change the steps and the evaluation checklist.")),
    Choice(Role.VIEWER.value, Role.VIEWER.label, hint=_("Can read the project and its charter, but not change them.")),
]
CHOOSE_A_ROLE = _("Choose a role")
ENTER_AN_EMAIL = _("Enter an email address")
ENTER_A_VALID_EMAIL = _("Enter an email address in the correct format, like name@example.org")
TITLE_REQUIRED = _("Type the project title to confirm")
TITLE_MISMATCH = _("The text you typed is not the project's title. Type it exactly as shown, or go back to keep the project.")


def _role_field(label) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=ROLE_CHOICES, widget=forms.RadioSelect, error_messages={"required": CHOOSE_A_ROLE})


class MemberAddForm(GdsForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("If they have no account yet, we will email them a link to create one and join the project."),
        error_messages={"required": ENTER_AN_EMAIL, "invalid": ENTER_A_VALID_EMAIL},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = _role_field(_("Role"))


class RoleForm(GdsForm):
    role = _role_field(_("Role"))
    approver = forms.BooleanField(
        label=_("Approves the project charter"),
        required=False,
        help_text=_("Approvers are asked to approve the charter when it is submitted for review. A viewer can be an approver."),
    )
    # The version of the membership the page was rendered from: the change applies only if it is still at it.
    # Never a form error: a missing or unreadable value is None, which the view answers as a conflict.
    base_version = forms.Field(widget=forms.HiddenInput, required=False)

    def clean_base_version(self) -> int | None:
        return parse_int(self.cleaned_data["base_version"])


class InvitationSignUpForm(GdsFormMixin, UserCreationForm):
    """A new account for the invited address; the email comes from the invitation, not from the form."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("first_name", "last_name", "username")

    error_messages = {**UserCreationForm.error_messages, "password_mismatch": PASSWORDS_DIFFER}

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Set before validation, so the password validators compare the password with the address too.
        self.instance.email = email
        self.fields["first_name"].required = True
        self.fields["first_name"].error_messages["required"] = _("Enter your first name")
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        username = self.fields["username"]
        username.help_text = _("You will sign in with it. Letters, digits and @ . + - _ only, up to 150 characters.")
        username.error_messages["required"] = _("Choose a username")
        username.widget.attrs.pop("autofocus", None)
        username.widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password1"].label = _("Create a password")
        self.fields["password1"].help_text = _(
            "At least 12 characters. Not a common password, not only digits, and not too like your name, username or email address."
        )
        self.fields["password1"].error_messages["required"] = _("Create a password")
        self.fields["password2"].label = _("Type the password again")
        self.fields["password2"].help_text = ""
        self.fields["password2"].error_messages["required"] = _("Type the password again")


class DeleteProjectForm(GdsForm):
    title = forms.CharField(
        label=_("Project title"),
        max_length=200,
        error_messages={"required": TITLE_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, expected_title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_title = expected_title

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        if title != self.expected_title.strip():
            raise forms.ValidationError(TITLE_MISMATCH, code="mismatch")
        return title
