"""Create a new project from a JSON export, owned by an existing user."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stage1.core.logging import security_event
from stage1.exchange.errors import ImportFailed
from stage1.exchange.imports import project_import


class Command(BaseCommand):
    help = "Import a Stage 1 JSON export as a new project. Nothing is created if the file has any problem."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export file.")
        parser.add_argument("--owner", required=True, help="Username of the new project's owner.")

    def handle(self, *args, file: str, owner: str, **options):
        user = get_user_model().objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No user with username {owner!r}.")
        try:
            with open(file, "rb") as handle:
                content = handle.read()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        try:
            imported = project_import(user=user, content=content)
        except ImportFailed as failed:
            raise CommandError("Nothing was imported:\n" + "\n".join(f"- {problem}" for problem in failed.errors)) from failed
        security_event("import.json", user=user, project=imported.project.slug, source="command")
        for warning in imported.warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(imported.project.slug)
