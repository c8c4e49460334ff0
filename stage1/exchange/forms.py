"""The upload forms: one file each, with the size limit as a form error."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage1.core.forms import GdsForm
from stage1.exchange import errors
from stage1.exchange.registers import ROW_LIMIT

MAX_UPLOAD_MEGABYTES = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024
PROJECT_FILE_REQUIRED = gettext_lazy("Select the project file to import")
STAKEHOLDERS_FILE_REQUIRED = gettext_lazy("Select the stakeholders file to import")


class UploadForm(GdsForm):
    file = forms.FileField(
        widget=forms.FileInput,
        error_messages={"empty": errors.FILE_EMPTY},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(errors.FILE_TOO_LARGE, code="too_large", params={"megabytes": MAX_UPLOAD_MEGABYTES})
        return upload

    def content(self) -> bytes:
        return self.cleaned_data["file"].read()


class ProjectImportForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Project file")
        self.fields["file"].error_messages.update(dict.fromkeys(("required", "invalid"), PROJECT_FILE_REQUIRED))
        self.fields["file"].help_text = _("A .json file made with “Download the whole project (JSON)”, at most %(megabytes)s MB.") % {
            "megabytes": MAX_UPLOAD_MEGABYTES
        }
        self.fields["file"].widget.attrs["accept"] = ".json,application/json"


class StakeholderImportForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Stakeholders file")
        self.fields["file"].error_messages.update(dict.fromkeys(("required", "invalid"), STAKEHOLDERS_FILE_REQUIRED))
        self.fields["file"].help_text = _(
            "A .csv file in UTF-8 with the column names in the first row; at most %(rows)s rows and %(megabytes)s MB."
        ) % {
            "rows": ROW_LIMIT,
            "megabytes": MAX_UPLOAD_MEGABYTES,
        }
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"
