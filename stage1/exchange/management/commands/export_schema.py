"""Print the JSON Schema of the export format (published as docs/schema/project-export-v2.schema.json)."""

from django.core.management.base import BaseCommand

from stage1.exchange.schema import schema_json


class Command(BaseCommand):
    help = "Print the JSON Schema of the project export format."

    def handle(self, *args, **options):
        self.stdout.write(schema_json(), ending="")
