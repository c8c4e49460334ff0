"""Write a project as a JSON export, to standard output or a file."""

from django.core.management.base import BaseCommand, CommandError

from stage1.core.numbers import parse_key
from stage1.exchange.export import export_json
from stage1.projects.models import Project


class Command(BaseCommand):
    help = "Export a project (by id or address) as a Stage 1 JSON file."

    def add_arguments(self, parser):
        parser.add_argument("project", help="The project's id or address (slug).")
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")

    def handle(self, *args, project: str, output: str | None, **options):
        key = parse_key(project)
        found = Project.objects.filter(pk=key).first() if key is not None else None
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
