"""The language a project's documents are written in, changed by its owners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from stage1.projects.access import owner_membership_for
from stage1.projects.forms import DocumentLanguageForm
from stage1.projects.services import LanguageChanged, project_language_change


@login_required
def document_language(request: HttpRequest, slug: str) -> HttpResponse:
    # Owners only; changing it is a write, refused while the project is archived.
    project = owner_membership_for(request, slug, write=request.method == "POST").project
    form = DocumentLanguageForm(request.POST or None, initial={"language": project.language, "base_language": project.language})
    if request.method == "POST" and form.is_valid():
        try:
            project_language_change(
                project=project, language=form.cleaned_data["language"], base_language=form.cleaned_data["base_language"]
            )
        except LanguageChanged as changed:
            # Shown again from what is stored now, with the person's choice still selected.
            form = DocumentLanguageForm(initial={"language": form.cleaned_data["language"], "base_language": changed.current})
            form.is_bound = False
            name = get_language_info(changed.current)["name_local"]
            messages.error(
                request,
                _("Another owner changed the language to %(language)s after you opened this page. Choose again.") % {"language": name},
            )
            return render(
                request, "projects/document_language.html", {"project": project, "form": form, "current": changed.current}, status=409
            )
        messages.success(
            request,
            _("The project's documents are now written in %(language)s.") % {"language": get_language_info(project.language)["name_local"]},
        )
        return redirect("projects:task_list", slug=project.slug)
    return render(request, "projects/document_language.html", {"project": project, "form": form, "current": project.language})
