"""Write a project as a JSON export, to standard output or a file."""

from django.core.management.base import BaseCommand, CommandError

from stage1.exchange.export import export_json
from stage1.projects.models import Project


class Command(BaseCommand):
    help = "Export a project (by id or address) as a Stage 1 JSON file."

    def add_arguments(self, parser):
        parser.add_argument("project", help="The project's id or address (slug).")
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")

    def handle(self, *args, project: str, output: str | None, **options):
        found = Project.objects.filter(pk=int(project)).first() if project.isdigit() else None
        found = found or Project.objects.filter(slug=project).first()
        if found is None:
            raise CommandError(f"No project with id or address {project!r}.")
        body = export_json(found)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(body)
            self.stderr.write(f"Exported {found.slug} to {output}.")
        else:
            self.stdout.write(body, ending="")
