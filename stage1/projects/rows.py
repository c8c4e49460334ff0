"""New items typed in rows on the step page: the GOV.UK "add another" pattern.

Each list whose kind names in_place_fields gets a formset of empty rows
inside the step form, so several items are added with the step's answers in
one save. Without JavaScript the page carries one empty row and "Add
another" saves and comes back with a fresh one; with JavaScript more rows
are copied from the formset's empty form without a round trip.

A row is the kind's ItemForm keeping only its in-place fields: the form's
own checks (limits on references to this project) apply unchanged, and
fields it does not have keep their model defaults. Rows left empty are
ignored. Short lists of short items (ItemKind.edit_in_place) are changed
in rows too: edit_rows().
"""

from functools import partial

from django import forms
from django.forms import formset_factory

from stage1.projects.detours import describe_sources
from stage1.projects.registry import ItemKind
from stage1.projects.steps import STEPS

# More rows than this in one save is not typing but pasting: the register's
# CSV import is the way for that, and the cap keeps a page well under
# DATA_UPLOAD_MAX_NUMBER_FIELDS.
MAX_NEW_ROWS = 30


class NewRowsFormSet(forms.BaseFormSet):
    """Blank rows for one item kind; `kind` and `project` are set by new_rows()."""

    kind: ItemKind

    def __init__(self, *args, project, **kwargs):
        self.project = project
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "project": self.project}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        _show_only_in_place(form, self.kind)
        self._share_choices(form)
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        _show_only_in_place(form, self.kind)
        self._share_choices(form)
        return form

    def _share_choices(self, form) -> None:
        """Every row offers the same items to choose from: read them once for the formset, not once a row.

        The rows and the empty row JavaScript copies would each run the same
        query; validation still checks a posted choice against the queryset.
        """
        shared = self.__dict__.setdefault("_shared_choices", {})
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                # A callable: read when a row is rendered (not at all when the rows come from the cache), once.
                field.choices = partial(_choices_once, shared, name, field.choices)

    def filled(self) -> list:
        """The valid rows somebody typed in, in page order."""
        if not self.is_bound:
            return []
        return [form for form in self.forms if form.has_changed() and form.is_valid()]


def _choices_once(shared: dict, name: str, choices) -> list:
    if name not in shared:
        # iter(): list() of the iterator itself would first ask its length, a COUNT query of its own.
        shared[name] = list(iter(choices))
    return shared[name]


def _show_only_in_place(form, kind: ItemKind) -> None:
    """Rows are short: only the in-place fields, without the long hints of the item page.

    The other fields leave the form, so a new item gets their model defaults
    and a changed one keeps what they hold: a ModelForm only writes the
    fields it has.
    """
    form.in_place_fields = kind.in_place_fields
    for name in list(form.fields):
        if name not in kind.in_place_fields and name != "base_version":
            del form.fields[name]
    for name in kind.in_place_fields:
        form.fields[name].help_text = ""
    describe_sources(form, page_step=STEPS.step_of(kind))
    shown = set(kind.in_place_fields)

    def has_changed(self=form) -> bool:
        # The version is not something the person typed: only the fields decide whether the row was used.
        return any(name in shown for name in self.changed_data)

    form.has_changed = has_changed


def new_rows(kind: ItemKind, project, data=None) -> NewRowsFormSet:
    """The new rows of one list, bound only if the data carries their management form.

    A post without it (the conflict page's re-apply form, an older page)
    brings no new rows, instead of a formset error about missing data.
    """
    prefix = f"new-{kind.slug}"
    formset_class = formset_factory(
        kind.form_class,
        formset=NewRowsFormSet,
        extra=1,
        max_num=MAX_NEW_ROWS,
        validate_max=True,
        absolute_max=MAX_NEW_ROWS,
    )
    formset_class.kind = kind
    posted = data is not None and f"{prefix}-TOTAL_FORMS" in data
    return formset_class(data if posted else None, prefix=prefix, project=project)


def in_place_kinds(step) -> tuple[ItemKind, ...]:
    return tuple(kind for kind in step.items if kind.in_place_fields and not kind.editor_url_name)


# Beyond this many items a list is read as a table and changed item by item:
# a page of forms grows with the list, a table does not.
EDIT_IN_PLACE_LIMIT = 20

# Rows of a list's table shown at once on a step page: a list of hundreds is
# read a page at a time, so the page stays light on a phone and fast to serve.
LIST_PAGE_SIZE = 50


def edit_prefix(kind: ItemKind, pk: int) -> str:
    """The prefix of the row changing one item: it carries the item's key."""
    return f"edit-{kind.slug}-{pk}"


def edit_rows(kind: ItemKind, project, items, data=None) -> list:
    """Forms changing the in-place fields of a short list's items in their rows; [] for a long list or another kind.

    Each row's prefix carries its item's key, so a row always means the item
    it was shown for, whatever was added or removed meanwhile. A row is bound
    only if the page that posted showed it (its version came back). Each
    field keeps the value the page showed (show_hidden_initial), so a row
    counts as changed only if the person changed it, not because somebody
    else saved the item meanwhile.
    """
    if not kind.edit_in_place or len(items) > EDIT_IN_PLACE_LIMIT:
        return []
    rows = []
    for item in items:
        prefix = edit_prefix(kind, item.pk)
        shown = data is not None and f"{prefix}-base_version" in data
        form = kind.form_class(data if shown else None, instance=item, project=project, prefix=prefix)
        _show_only_in_place(form, kind)
        for name in kind.in_place_fields:
            form.fields[name].show_hidden_initial = True
        rows.append(form)
    return rows


def removed_meanwhile(kind: ItemKind, rows, data) -> list[str]:
    """What was typed into rows whose items were removed after the page was shown: their first in-place field."""
    if data is None or not kind.edit_in_place:
        return []
    shown = {form.prefix for form in rows}
    marker = edit_prefix(kind, "")
    gone = []
    for key in data:
        if key.startswith(marker) and key.endswith("-base_version"):
            prefix = key.removesuffix("-base_version")
            if prefix not in shown:
                gone.append(data.get(f"{prefix}-{kind.in_place_fields[0]}", ""))
    return gone
