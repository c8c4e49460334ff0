"""The machinery of the step registry: what a step, an item kind and a charter section are.

The entries themselves, the seven steps and their lists, are in
stage1.projects.steps; everything else reads them through STEPS.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stage1.projects import forms
from stage1.projects.display import field_label


def user_fields(form_class) -> tuple[str, ...]:
    """The fields a person fills in a wizard form, in form order (not the hidden base_version)."""
    return tuple(name for name in form_class.base_fields if name != "base_version")


@dataclass(frozen=True)
class ItemKind:
    slug: str
    model: type[models.Model]
    form_class: type[forms.ItemForm]
    columns: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("position", "id")
    hint: str = ""
    # The full "Add a …" sentence: articles differ per word and per language.
    add_label: str = ""
    # Fields whose value groups positions, e.g. journey steps are numbered per path.
    position_scope: tuple[str, ...] = ()
    # How the list prints in its step's charter section: a template given the
    # kind, its items and its annex; "charter/items/table.html" prints every field.
    charter_template: str = "charter/items/table.html"
    # A register is printed in full on a landscape annex of the charter and
    # can be downloaded as a CSV file.
    register: bool = False
    # Registers that a CSV file can add to (lists without cross-references).
    csv_import: bool = False
    # "3 stakeholders" in the charter's executive summary; None: not counted there.
    counted: Promise | None = None
    # The short fields a person types in a new row on the step page itself
    # ("add another"); the other fields are filled on the item's own page.
    # Empty: items are only added on their own page. Must hold every field
    # the form requires (a test checks it), or a row could never be saved.
    in_place_fields: tuple[str, ...] = ()
    # Short items whose in-place fields are also changed in their rows on the
    # step page, while the list is short (stage1.projects.rows.EDIT_IN_PLACE_LIMIT).
    # Text fields only: a choice would query its options once per row.
    edit_in_place: bool = False
    # Whether people choose the order (move up and down, insert between);
    # lists without it are kept in the order items were added.
    ordered: bool = False
    # A page that edits the whole list at once (the RACI grid), named by URL
    # name taking the project's slug; the step page links there instead of
    # offering one row at a time.
    editor_url_name: str = ""
    # How the list reads on the step page when not as a table of its columns.
    list_template: str = "projects/includes/item_table.html"
    # Column headings of the list in the charter, where the form's label asks
    # a question ("Or owner among the stakeholders") and a document names a
    # column ("Owner (stakeholder)"); other fields print their verbose name.
    print_labels: dict[str, Promise] = field(default_factory=dict, hash=False)

    def count_label(self, count: int) -> str:
        return self.counted % {"count": count} if self.counted is not None else ""

    @property
    def label(self) -> str:
        return self.model._meta.verbose_name

    def print_label(self, name: str) -> str:
        """The heading of field `name` in a printed table."""
        return self.print_labels.get(name) or field_label(self.model, name)

    @property
    def fields(self) -> tuple[str, ...]:
        return user_fields(self.form_class)

    @property
    def label_plural(self) -> str:
        return self.model._meta.verbose_name_plural

    def queryset(self, project, *, already_loaded=()):
        """The project's items in order, with their references; those in `already_loaded` are attached by the caller."""
        # updated_at is never shown in lists; not loading it spares a conversion per row.
        qs = self.model.objects.filter(project=project).order_by(*self.ordering).defer("updated_at")
        related = [name for name in self.select_related if name not in already_loaded]
        if related:
            qs = qs.select_related(*related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs


class Status(Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return {
            Status.NOT_STARTED: _("Not started"),
            Status.IN_PROGRESS: _("In progress"),
            Status.COMPLETED: _("Completed"),
        }[self]


@dataclass(frozen=True)
class CharterSection:
    """A numbered section of the charter: some of a step's answers, then some of its lists."""

    anchor: str
    title: str
    fields: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # item kind slugs, printed as each kind declares


# eq=False: a step is one entry of the registry, equal only to itself, and
# hashable (findings and caches key on it) although it holds a dict.
@dataclass(frozen=True, eq=False)
class Step:
    slug: str
    title: str
    model: type[models.Model]
    form_class: type[forms.StepForm]
    items: tuple[ItemKind, ...] = ()
    required_fields: tuple[str, ...] = ()
    # Item kind slug -> how many the step needs before it can be complete.
    required_items: dict[str, int] = field(default_factory=dict)
    template: str = "projects/step.html"
    # How the step prints in the charter. None: one section titled like the
    # step, with every answer and every list. Every answer and list must be
    # in exactly one section (a test checks it), so a new field cannot vanish.
    charter: tuple[CharterSection, ...] | None = None
    # The stage of the guide the step belongs to (its golden rule is in that
    # stage of the methodology). Stage 1 is this product's own; an app for a
    # later stage registers its steps with STEPS.register().
    stage: int = 1
    # Answers quoted in the charter's executive summary, in this order, as
    # (field, the short label the summary prints before it).
    summary: tuple[tuple[str, str], ...] = ()
    # Answers asked after the step's lists because they choose among the
    # list's items (the team lead among the team members).
    fields_after_items: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return user_fields(self.form_class)

    @property
    def charter_sections(self) -> tuple[CharterSection, ...]:
        if self.charter is not None:
            return self.charter
        return (CharterSection(self.slug, self.title, self.fields, tuple(kind.slug for kind in self.items)),)

    def item(self, slug: str) -> ItemKind | None:
        return next((kind for kind in self.items if kind.slug == slug), None)

    def requirements(self, record, counts: dict[str, int]) -> list[tuple[str, bool]]:
        """What completes the step, in words for the user, each with whether it is done."""
        needs = []
        for name in self.required_fields:
            question = self.model._meta.get_field(name).verbose_name
            needs.append((_("Answer “%(question)s”") % {"question": question}, self._answered(record, name)))
        for slug, minimum in self.required_items.items():
            needs.append((_("Add at least one %(item)s") % {"item": self.item(slug).label}, counts.get(slug, 0) >= minimum))
        return needs

    def _answered(self, record, name: str) -> bool:
        # attname reads a foreign key's id without a query.
        return getattr(record, self.model._meta.get_field(name).attname) not in ("", None)

    def missing(self, record, counts: dict[str, int]) -> list[str]:
        """What still stops the step being complete, in words for the user."""
        return [need for need, done in self.requirements(record, counts) if not done]

    def is_complete(self, record, counts: dict[str, int]) -> bool:
        """requirements() all done, without putting them into words (the task list asks for every step on every read)."""
        answered = all(self._answered(record, name) for name in self.required_fields)
        return answered and all(counts.get(slug, 0) >= minimum for slug, minimum in self.required_items.items())

    def status(self, record, counts: dict[str, int]) -> Status:
        touched = record.version > 1 or any(counts.get(kind.slug, 0) for kind in self.items)
        if not touched:
            return Status.NOT_STARTED
        return Status.COMPLETED if self.is_complete(record, counts) else Status.IN_PROGRESS


class StepRegistry(Sequence):
    """The steps in wizard order. Modules import the one instance, STEPS, and read it at call time."""

    def __init__(self, steps: tuple[Step, ...]):
        self._set(steps)

    def _set(self, steps: tuple[Step, ...]) -> None:
        slugs = [step.slug for step in steps]
        kinds = [kind.slug for step in steps for kind in step.items]
        if len(set(slugs)) != len(slugs) or len(set(kinds)) != len(kinds):
            raise ValueError("Step and item kind slugs must be unique.")
        self._steps = steps
        self._by_slug = {step.slug: step for step in steps}
        self._kinds = {kind.slug: kind for step in steps for kind in step.items}
        self._step_of_kind = {kind.slug: step for step in steps for kind in step.items}

    def __getitem__(self, index):
        return self._steps[index]

    def __len__(self) -> int:
        return len(self._steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self._steps)

    @property
    def key(self) -> tuple:
        """What the registry holds, by slug: caches of what is derived from it (the JSON schema) key on this."""
        return tuple((step.slug, tuple(kind.slug for kind in step.items)) for step in self._steps)

    def get(self, slug: str) -> Step | None:
        return self._by_slug.get(slug)

    def kinds(self) -> tuple[ItemKind, ...]:
        return tuple(self._kinds.values())

    def kind(self, slug: str) -> ItemKind | None:
        return self._kinds.get(slug)

    def kind_for_model(self, model) -> ItemKind | None:
        """The item kind whose items are rows of this model."""
        return next((kind for kind in self._kinds.values() if kind.model is model), None)

    def step_of(self, kind: ItemKind) -> Step:
        return self._step_of_kind[kind.slug]

    def stages(self) -> tuple[int, ...]:
        """The stages of the guide that have steps, in order."""
        return tuple(sorted({step.stage for step in self._steps}))

    def register(self, *steps: Step) -> None:
        """Add the steps of an app for a later stage of the guide; call it from the app's AppConfig.ready()."""
        added = tuple(step for step in steps if self._by_slug.get(step.slug) is not step)
        self._set(self._steps + added)

    def registers(self) -> tuple[ItemKind, ...]:
        """Item kinds printed as annexes and downloadable as CSV, in wizard order."""
        return tuple(kind for kind in self._kinds.values() if kind.register)

    @contextmanager
    def extended_with(self, *steps: Step):
        """Add steps at the end for the duration of a block: how tests prove a new step needs no other change."""
        saved = self._steps
        self._set(saved + steps)
        try:
            yield self
        finally:
            self._set(saved)
