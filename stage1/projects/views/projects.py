"""Your projects, creating one, its task list and its check-your-answers page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from stage1.projects.access import membership_for, read_only_page
from stage1.projects.derived import project_key
from stage1.projects.display import answer_rows
from stage1.projects.extensions import after_check_answers, task_list_context
from stage1.projects.forms import ProjectForm
from stage1.projects.models import Project
from stage1.projects.selectors import StepItems, progress_for_projects, project_progress
from stage1.projects.services import project_create
from stage1.projects.steps import STEPS


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    show_archived = request.GET.get("archived") == "1"
    projects = Project.objects.for_user(request.user)
    projects = list(projects.archived() if show_archived else projects.active())
    roles = dict(request.user.memberships.values_list("project_id", "role"))
    progress = progress_for_projects(projects)
    rows = [(project, roles.get(project.pk), progress[project.pk]) for project in projects]
    return render(request, "projects/project_list.html", {"rows": rows, "show_archived": show_archived})


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    # The creator's language, as the default for the documents.
    form = ProjectForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        project = project_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("Project created. You are its owner."))
        return redirect("projects:task_list", slug=project.slug)
    return render(request, "projects/project_form.html", {"form": form})


@login_required
@read_only_page
def task_list(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    progress = project_progress(membership.project)
    context = {
        "project": membership.project,
        "membership": membership,
        "progress": progress,
        "registers": STEPS.registers(),
        # The task list's parts kept per revision (templates/projects/task_list.html); not when the project reads the rules live.
        "task_key": project_key(membership.project) if membership.project.methodology_version_id else "",
        **task_list_context(membership.project),
    }
    return render(request, "projects/task_list.html", context)


@login_required
@read_only_page
def check_answers(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    return render(request, "projects/check_answers.html", {**_check_answers_context(membership), "next_page": after_check_answers()})


@login_required
@read_only_page
def check_answers_print(request: HttpRequest, slug: str) -> HttpResponse:
    """Check your answers as a document to print or file: in the project's document language, without Change links."""
    membership = membership_for(request, slug)
    with translation.override(membership.project.language):
        return render(request, "projects/check_answers_print.html", _check_answers_context(membership))


def _check_answers_context(membership) -> dict:
    project = membership.project
    progress = project_progress(project)
    sections = []
    for item in progress.steps:
        # Loaded only where the summary cards are not in the derived cache yet (templates/projects/check_answers.html).
        loaded = StepItems(project, item.step)
        lists = [(kind, loaded.lazy(kind)) for kind in item.step.items]
        sections.append(
            {
                "step": item.step,
                "rule": item.rule,
                "status": item.status,
                "missing": item.missing,
                "answers": answer_rows(item.record, item.step.fields),
                "lists": lists,
            }
        )
    return {
        "project": project,
        "membership": membership,
        "sections": sections,
        "progress": progress,
        "steps": STEPS,
        # In the active language: the print view's is the project's.
        "table_key": project_key(project),
    }
