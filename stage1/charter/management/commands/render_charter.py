from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from stage1.charter.services import blank_checklist_render, charter_render
from stage1.core.numbers import parse_key
from stage1.projects.models import Project


class Command(BaseCommand):
    help = "Render a project's charter (by id or address) or the blank checklist to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("project", nargs="?", help="The project's id or address (slug).")
        parser.add_argument("--output", "-o", required=True, help="Where to write the PDF.")
        parser.add_argument("--blank-checklist", action="store_true", help="Render the blank evaluation checklist instead.")

    def handle(self, *args, project=None, output, blank_checklist=False, **options):
        if blank_checklist:
            pdf = blank_checklist_render()
        else:
            if not project:
                raise CommandError("Name a project by id or address, or pass --blank-checklist.")
            key = parse_key(project)
            lookup = Q(slug=project) | (Q(pk=key) if key is not None else Q())
            found = Project.objects.filter(lookup).first()
            if found is None:
                raise CommandError(f"No project with id or address {project!r}.")
            pdf = charter_render(project=found).pdf
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(pdf):,} bytes to {output}"))
