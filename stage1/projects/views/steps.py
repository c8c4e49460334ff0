"""A wizard step: the rule's guidance, the step's own answers and its lists of items."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stage1.core.bidi import isolate
from stage1.core.numbers import parse_int, parse_key
from stage1.core.versioning import Conflict
from stage1.core.views import kept_post
from stage1.projects.access import membership_for
from stage1.projects.derived import derived_cache, project_cache_key, project_key
from stage1.projects.detours import detour_data, field_detour, start_detour
from stage1.projects.display import answer_rows, display, field_label, item_headers, item_rows
from stage1.projects.extensions import STEP, target_links
from stage1.projects.rows import EDIT_IN_PLACE_LIMIT, LIST_PAGE_SIZE, edit_prefix, edit_rows, in_place_kinds, new_rows, removed_meanwhile
from stage1.projects.selectors import StepItems, cached_item_counts, guidance_for_step, step_record
from stage1.projects.services import item_move, items_add, step_save
from stage1.projects.steps import STEPS, Step, get_step, next_step, record_for
from stage1.projects.views.conflict import render_conflict

# ?from=check on a step or item page: the person came from check your answers and goes back there after saving.
FROM_CHECK = "check"


def step_or_404(step_slug: str) -> Step:
    step = get_step(step_slug)
    if step is None:
        raise Http404("No such step.")
    return step


def came_from_check(request: HttpRequest) -> bool:
    return request.GET.get("from") == FROM_CHECK


def check_answers_url(project, anchor: str) -> str:
    return reverse("projects:check_answers", kwargs={"slug": project.slug}) + f"#{anchor}"


def _destination(request: HttpRequest, action: str, project, step: Step) -> str:
    """Where a step-page button leads once the answers are saved.

    Item buttons ("add:stakeholder", "change:stakeholder:12", "remove:…",
    "insert:journey-step:7") and a list's page buttons ("page:stakeholder:2")
    live inside the step form so that opening an item or turning a page never
    loses typed answers. Only this step's item kinds are accepted; anything
    else stays on the page.
    """
    args = {"slug": project.slug, "step_slug": step.slug}
    here = reverse("projects:step", kwargs=args)
    # The way back to check your answers and the lists' pages go along to an item's page and back.
    kept = urlencode(step_address(request, step))
    back = f"?{kept}" if kept else ""
    verb, _sep, rest = action.partition(":")
    kind_slug, _sep, pk = rest.partition(":")
    kind = step.item(kind_slug)
    if verb == "page":
        return _list_page_url(request, here, step, rest)
    if verb == "continue":
        if came_from_check(request):
            return check_answers_url(project, f"section-{step.slug}")
        following = next_step(step)
        if following is None:
            return reverse("projects:check_answers", kwargs={"slug": project.slug})
        return reverse("projects:step", kwargs={**args, "step_slug": following.slug})
    if verb == "return":
        return reverse("projects:task_list", kwargs={"slug": project.slug})
    if kind is None:
        return here + back
    if verb == "another":
        return here + back + f"#new-{kind.slug}"
    if verb == "grid" and kind.editor_url_name:
        return reverse(kind.editor_url_name, kwargs={"slug": project.slug})
    if verb == "add" and not pk:
        return reverse("projects:item_add", kwargs={**args, "kind_slug": kind_slug}) + back
    key = parse_key(pk)
    if key is None:
        return here + back
    if verb in ("change", "remove"):
        return reverse(f"projects:item_{verb}", kwargs={**args, "kind_slug": kind_slug, "pk": key}) + back
    if verb == "insert" and kind.ordered:
        item = get_object_or_404(kind.model, pk=key, project=project)
        scope = "".join(f"&{name}={getattr(item, f'{name}_id')}" for name in kind.position_scope)
        return reverse("projects:item_add", kwargs={**args, "kind_slug": kind_slug}) + f"?after={key}{scope}" + (f"&{kept}" if kept else "")
    return here + back


def asked_list_page(request: HttpRequest, kind) -> int:
    """The page of one list the address asks for (?stakeholder-page=2): 1 for anything but a page number."""
    return parse_int(request.GET.get(f"{kind.slug}-page", ""), minimum=1) or 1


def step_address(request: HttpRequest, step: Step) -> dict[str, str]:
    """What a step's address carries from one of its pages to the next: ?from=check, and its lists' pages past the first.

    Kept through an item's page, so that changing item 60 of a list comes
    back to the page that shows it, with the other lists where they were.
    """
    address = {"from": FROM_CHECK} if came_from_check(request) else {}
    for kind in step.items:
        number = asked_list_page(request, kind)
        if number > 1:
            address[f"{kind.slug}-page"] = str(number)
    return address


def list_page_numbers(request: HttpRequest, step: Step, counts: dict[str, int]) -> dict[str, int]:
    """The page of each of the step's lists that the address asks for (?stakeholder-page=2).

    Anything but a page number reads page 1, and a number past the end the
    list's last page (an old link after items were removed), so every address
    shows a page and only as many pages as the lists have are ever kept.
    """
    numbers = {}
    for kind in step.items:
        # The same pages as list_page() shows: a number past the end is the last page.
        numbers[kind.slug] = Paginator(range(counts[kind.slug]), LIST_PAGE_SIZE).get_page(asked_list_page(request, kind)).number
    return numbers


def _other_pages(numbers: dict[str, int], kind_slug: str) -> str:
    """The query string of the other lists' pages, kept when one list turns its page ("decision-page=3&")."""
    others = {f"{slug}-page": number for slug, number in numbers.items() if slug != kind_slug and number > 1}
    return urlencode(others) + "&" if others else ""


def _list_page_url(request: HttpRequest, here: str, step: Step, page: str) -> str:
    """Where "page:stakeholder:2" leads: the same step with that list at that page, the other lists and the way back kept."""
    kind_slug, _sep, number = page.partition(":")
    query = request.GET.copy()
    if step.item(kind_slug) is not None and parse_int(number, minimum=1) is not None:
        query[f"{kind_slug}-page"] = number
    return f"{here}?{query.urlencode()}#{kind_slug}-list" if query else here


# The step form's buttons that mean "save my answers": with nothing typed they say the answers are saved. Every
# other one (Change, Remove, Add, a page, a move…) goes somewhere, saving first what was typed.
SAVE_ACTIONS = ("save", "continue", "return")


def _asks_to_save(action: str) -> bool:
    return action in SAVE_ACTIONS or action == ""


def _saved_message(title: str, changed: list[str], added: int) -> str:
    """The banner after a step save: what was saved, what changed, how many items were added."""
    saved = _("Your answers to “%(title)s” were saved.") % {"title": title}
    parts = [saved]
    if changed:
        parts.append(_("Changed: %(fields)s.") % {"fields": ", ".join(f"“{label}”" for label in changed)})
    if added:
        parts.append(ngettext("%(count)s item added.", "%(count)s items added.", added) % {"count": added})
    if not changed and not added:
        parts.append(_("Nothing had changed."))
    return " ".join(parts)


def _move(request, project, step: Step, action: str) -> str:
    """Perform "up:milestone:12" or "down:milestone:12" after the answers are saved; where to go next (the list)."""
    verb, _sep, rest = action.partition(":")
    kind_slug, _sep, pk = rest.partition(":")
    kind, key = step.item(kind_slug), parse_key(pk)
    here = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug})
    if kind is None or not kind.ordered or key is None:
        return here
    item = get_object_or_404(kind.model, pk=key, project=project)
    if item_move(project=project, kind=kind, item=item, offset=-1 if verb == "up" else 1, user=request.user):
        text = _("%(item)s moved up.") if verb == "up" else _("%(item)s moved down.")
        messages.success(request, text % {"item": isolate(item)})
    return f"{here}#{kind.slug}-list"


def _after_the_answers(request, project, step: Step, action: str) -> HttpResponse:
    """Once the answers are saved (or had nothing new): a move moves its item, every button goes where it leads."""
    if action.startswith(("up:", "down:")):
        return redirect(_move(request, project, step, action))
    return redirect(_destination(request, action, project, step))


@dataclass
class _RowItems:
    """The items of the lists changed in their rows: only short lists are, so no more than one past the limit is loaded."""

    loaded: StepItems

    def __call__(self, kind) -> list:
        return self.loaded.of(kind, limit=EDIT_IN_PLACE_LIMIT + 1) if kind.edit_in_place else []


@dataclass
class _StepForms:
    """Every form of a step page, built from one set of data: the answers, new rows per list, and rows changed in place."""

    form: object
    rowsets: dict[str, object]
    editrows: dict[str, list]
    removed: list[str]

    @classmethod
    def build(cls, step: Step, project, record, items: "_RowItems", data) -> "_StepForms":
        form = step.form_class(data, instance=record, project=project)
        rowsets = {kind.slug: new_rows(kind, project, data) for kind in in_place_kinds(step)}
        editrows = {kind.slug: edit_rows(kind, project, items(kind), data) for kind in in_place_kinds(step)}
        removed = [text for kind in in_place_kinds(step) for text in removed_meanwhile(kind, editrows[kind.slug], data)]
        return cls(form, rowsets, editrows, removed)

    def all_forms(self) -> list:
        rows = [row for rowset in self.rowsets.values() for row in rowset.forms]
        return [self.form, *rows, *(row for forms in self.editrows.values() for row in forms)]

    def changed_rows(self, step: Step) -> list:
        return [(step.item(slug), row) for slug, forms in self.editrows.items() for row in forms if row.is_bound and row.has_changed()]

    def new_items(self, step: Step) -> list:
        return [(step.item(slug), row) for slug, rowset in self.rowsets.items() for row in rowset.filled()]

    def is_valid(self, step: Step) -> bool:
        rowsets_valid = all(rowset.is_valid() for rowset in self.rowsets.values() if rowset.is_bound)
        changed_valid = all(row.is_valid() for _kind, row in self.changed_rows(step))
        return self.form.is_valid() and rowsets_valid and changed_valid and not self.removed

    def changed_answers(self) -> list[str]:
        """The step's own fields the person changed (the version is not something they typed)."""
        return [name for name in self.form.changed_data if name != "base_version"]

    def has_changes(self, step: Step) -> bool:
        """Whether the person typed anything: an answer, a new row or a row changed in place."""
        new_rows = any(row.has_changed() for rowset in self.rowsets.values() if rowset.is_bound for row in rowset.forms)
        return bool(self.changed_answers()) or new_rows or bool(self.changed_rows(step))

    def has_errors(self) -> bool:
        invalid_rowsets = any(rowset.is_bound and not rowset.is_valid() for rowset in self.rowsets.values())
        return bool(self.removed) or invalid_rowsets or any(form.is_bound and form.errors for form in self.all_forms())


def _conflict_again(request, step: Step, project, record, items, current) -> tuple["_StepForms", str]:
    """After a conflict: the same forms with everything typed kept, the conflicting part's version now current.

    Saving again is then a deliberate overwrite of what the message quotes,
    the same rule as the conflict page.
    """
    data = request.POST.copy()
    if current is None:
        note = _("Something you changed on this page was removed by someone else meanwhile. Your text is kept below.")
        return _StepForms.build(step, project, record, items, data), note
    if isinstance(current, step.model):
        data["base_version"] = str(current.version)
        note = _("Someone else saved this step's answers after you opened the page. Your text is kept below: save again to replace theirs.")
    else:
        data[f"{edit_prefix(STEPS.kind_for_model(type(current)), current.pk)}-base_version"] = str(current.version)
        note = _("Someone else changed “%(now)s” after you opened the page. Your text is kept below: save again to replace theirs.") % {
            "now": isolate(current)
        }
    return _StepForms.build(step, project, record, items, data), note


@login_required
def step_page(request: HttpRequest, slug: str, step_slug: str) -> HttpResponse:
    membership = membership_for(request, slug, write=request.method == "POST")
    project, step = membership.project, step_or_404(step_slug)
    # A page read keeps to the records of the project's revision; a save reads the row it changes.
    record = record_for(project, step) if request.method == "POST" else step_record(project, step)
    guidance = guidance_for_step(project, step)
    title = guidance.rule.title if guidance and guidance.rule else str(step.title)
    # The tables of the lists come from the derived cache (templates/projects/includes/item_table.html);
    # the items are loaded only when a table is not there yet, or for the short lists changed in their rows.
    loaded = StepItems(project, step)
    counts = cached_item_counts(project)
    page_numbers = list_page_numbers(request, step, counts)
    items = _RowItems(loaded)
    forms, conflict_note, status, data = None, "", 200, None
    form_key, form_html = "", None
    if membership.can_write:
        data = request.POST or kept_post(request) or detour_data(request)
        if request.method == "GET" and not data:
            # A form nobody has typed into renders the same for every writer until the project changes.
            pages = ",".join(str(number) for number in page_numbers.values())
            form_key = project_cache_key(project, f"step-form:{step.slug}:{came_from_check(request)}:{pages}")
            form_html = derived_cache().get(form_key)
    if membership.can_write and form_html is None:
        forms = _StepForms.build(step, project, record, items, data)
        action = request.POST.get("action", "")
        if request.method == "POST" and action.startswith("detour:"):
            detour = field_detour(forms.all_forms(), action.removeprefix("detour:"))
            if detour is not None:
                return redirect(start_detour(request, project=project, detour=detour))
        if request.method == "POST" and not forms.has_changes(step):
            # With nothing typed no button writes: a save would make a new revision (approvals given on the last one
            # would have to be given again), a history row, and a conflict for anyone else editing this step. The
            # answers shown are the ones stored (a POST reads the row it changes), so they are saved already.
            if _asks_to_save(action):
                messages.success(request, _saved_message(title, [], 0))
            return _after_the_answers(request, project, step, action)
        if request.method == "POST" and forms.is_valid(step):
            new_items, changed_rows = forms.new_items(step), forms.changed_rows(step)
            try:
                step_save(project=project, form=forms.form, user=request.user, new_items=new_items, changed_items=changed_rows)
            except Conflict as conflict:
                if isinstance(conflict.current, step.model) and not changed_rows:
                    # New items cannot conflict with anything: keep them, and show the conflict on the answers.
                    if items_add(project=project, new_items=new_items, user=request.user):
                        messages.info(request, _("Your new items were added. Your answers need a second look."))
                    return render_conflict(request, project=project, step=step, form=forms.form, current=conflict.current)
                forms, conflict_note = _conflict_again(request, step, project, record, items, conflict.current)
                forms.is_valid(step)
                status = 409
            else:
                changed = [str(forms.form.fields[name].label) for name in forms.changed_answers()]
                changed += [str(row.instance) for _kind, row in changed_rows]
                messages.success(request, _saved_message(title, changed, len(new_items)))
                return _after_the_answers(request, project, step, action)
    lists = [
        (
            kind,
            item_headers(kind),
            loaded.lazy(kind, lambda kind_items, kind=kind: item_rows(kind, kind_items)),
            forms.rowsets.get(kind.slug) if forms else None,
            _with_other_columns(kind, forms.editrows.get(kind.slug, [])) if forms else [],
            page_numbers[kind.slug],
            _other_pages(page_numbers, kind.slug),
        )
        for kind in step.items
    ]
    context = {
        "project": project,
        "membership": membership,
        "step": step,
        "step_number": STEPS.index(step) + 1,
        "step_count": len(STEPS),
        "guidance": guidance,
        "rule": guidance.rule if guidance else None,
        "title": title,
        "form": forms.form if forms else None,
        "rowsets": list(forms.rowsets.values()) if forms else [],
        "editsets": [(step.item(slug), rows) for slug, rows in forms.editrows.items()] if forms else [],
        "removed": forms.removed if forms else [],
        "conflict_note": conflict_note,
        "page_has_errors": forms.has_errors() if forms else False,
        "answers": answer_rows(record, step.fields),
        "lists": lists,
        "from_check": came_from_check(request),
        "step_links": target_links(project, STEP, [step.slug]).get(step.slug, []),
        "requirements": step.requirements(record, {kind.slug: counts[kind.slug] for kind in step.items}),
        # What the cached item tables are keyed on besides the list and whether it has buttons.
        "table_key": project_key(project),
        "form_html": form_html,
    }
    if form_key and form_html is None:
        context["form_html"] = render_to_string("projects/includes/step_form.html", context, request)
        derived_cache().set(form_key, context["form_html"], timeout=None)
    return render(request, step.template, context, status=status)


def _with_other_columns(kind, rows) -> list:
    """Each row changed in place, with the list's other columns as (label, value) to read beside it."""
    others = [name for name in kind.columns if name not in kind.in_place_fields]
    return [(row, [(field_label(kind.model, name), value) for name in others if (value := display(row.instance, name))]) for row in rows]
