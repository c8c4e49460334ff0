"""A project's end of life, for its owners: archive (and unarchive), delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stage1.core.logging import security_event
from stage1.members.forms import DeleteProjectForm
from stage1.members.services import project_archive, project_delete, project_unarchive
from stage1.projects.access import owner_membership_for


def _archive_page(request: HttpRequest, slug: str, *, archive: bool) -> HttpResponse:
    """One page for both directions: GET shows the project's current state and the button that changes it."""
    project = owner_membership_for(request, slug).project
    if request.method == "POST":
        if archive:
            project_archive(project=project)
            security_event("project.archived", request=request, project=project.slug)
            messages.success(request, _("The project was archived. It can be read but not changed."))
        else:
            project_unarchive(project=project)
            security_event("project.unarchived", request=request, project=project.slug)
            messages.success(request, _("The project was unarchived. Its members can change it again."))
        return redirect("projects:task_list", slug=project.slug)
    return render(request, "members/project_archive.html", {"project": project})


@login_required
def project_archive_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _archive_page(request, slug, archive=True)


@login_required
def project_unarchive_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _archive_page(request, slug, archive=False)


@login_required
def project_delete_page(request: HttpRequest, slug: str) -> HttpResponse:
    project = owner_membership_for(request, slug).project
    form = DeleteProjectForm(request.POST or None, expected_title=project.title)
    if request.method == "POST" and form.is_valid():
        title = project.title
        project_delete(project=project)
        security_event("project.deleted", request=request, project=slug, title=title)
        messages.success(request, _("The project %(title)s and everything in it was deleted.") % {"title": title})
        return redirect("projects:list")
    return render(request, "members/project_delete.html", {"project": project, "form": form})
