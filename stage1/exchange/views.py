"""Downloading a project or a register, importing a project file, importing stakeholders from CSV."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stage1.core.logging import security_event
from stage1.exchange.errors import NOTHING_IMPORTED, ImportFailed
from stage1.exchange.export import export_json
from stage1.exchange.fields import item_fields
from stage1.exchange.forms import ProjectImportForm, StakeholderImportForm
from stage1.exchange.imports import project_import
from stage1.exchange.registers import items_import_csv, register_csv, register_kind
from stage1.projects.access import membership_for, read_only_page
from stage1.projects.steps import STAKEHOLDER, STEPS

NO_SUCH_REGISTER = gettext_lazy("There is no such register to download.")


def _download(body: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-.")[:120] or "export"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    # A project's content must not be kept by shared caches or proxies.
    patch_cache_control(response, private=True, max_age=0)
    return response


@login_required
@read_only_page
def export_project_json(request: HttpRequest, slug: str) -> HttpResponse:
    project = membership_for(request, slug).project
    body = export_json(project)
    security_event("export.json", request=request, project=slug)
    return _download(body, content_type="application/json; charset=utf-8", filename=f"{project.slug}.json")


@login_required
@read_only_page
def export_register_csv(request: HttpRequest, slug: str, kind_slug: str) -> HttpResponse:
    project = membership_for(request, slug).project
    kind = register_kind(kind_slug)
    if kind is None:
        raise Http404(NO_SUCH_REGISTER)
    body = register_csv(project, kind)
    security_event("export.csv", request=request, project=slug, register=kind.slug)
    # The list's slug, not its translated label, so the name is the same in every language.
    filename = f"{project.slug}-{kind.slug}s.csv"
    return _download(body, content_type="text/csv; charset=utf-8", filename=filename)


def _bound(form_class, request: HttpRequest):
    # A POST carrying only a file has an empty request.POST: bind on the method, not on the data.
    if request.method == "POST":
        return form_class(request.POST, request.FILES)
    return form_class()


@login_required
def import_project(request: HttpRequest) -> HttpResponse:
    form = _bound(ProjectImportForm, request)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = project_import(user=request.user, content=form.content())
        except ImportFailed as failed:
            problems = failed.errors
            form.add_error("file", NOTHING_IMPORTED)
            security_event("import.json.refused", request=request, problems=len(problems))
        else:
            project = imported.project
            security_event("import.json", request=request, project=project.slug)
            messages.success(request, _("Project imported. You are its owner."))
            for warning in imported.warnings:
                messages.warning(request, warning)
            return redirect("projects:task_list", slug=project.slug)
    return render(request, "exchange/import_project.html", {"form": form, "problems": problems})


@login_required
def import_stakeholders(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug, write=True)
    project = membership.project
    kind = STAKEHOLDER
    step = STEPS.step_of(kind)
    form = _bound(StakeholderImportForm, request)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = items_import_csv(project=project, kind=kind, user=request.user, content=form.content())
        except ImportFailed as failed:
            problems = failed.errors
            form.add_error("file", NOTHING_IMPORTED)
            security_event("import.csv.refused", request=request, project=slug, problems=len(problems))
        else:
            security_event("import.csv", request=request, project=slug, register=kind.slug, rows=count)
            messages.success(
                request, ngettext("%(count)s stakeholder imported.", "%(count)s stakeholders imported.", count) % {"count": count}
            )
            return redirect(reverse("projects:step", kwargs={"slug": slug, "step_slug": step.slug}) + f"#{kind.slug}-list")
    context = {"project": project, "step": step, "kind": kind, "form": form, "problems": problems, "columns": item_fields(kind)}
    return render(request, "exchange/import_stakeholders.html", context)
